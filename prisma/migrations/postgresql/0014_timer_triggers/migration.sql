-- On SQLite, 0011_timer_subjects rebuilt the Timer table and dropped the dashboard's triggers on it;
-- PostgreSQL added the columns in place and kept them. Nothing to do here.
SELECT 1;
