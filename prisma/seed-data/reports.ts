import type { ReportSubmission } from "~/models/intake/intake.server";

// Demo reports: what a community's members send on an ordinary day, in several
// languages, some about the same post so cases gather more than one report.
export const DEMO_REPORTS: ReportSubmission[] = [
  {
    source: "member",
    subject: { type: "content", id: "post-1001", url: "https://community.example/p/1001", authorHandle: "@grumpy_gus", text: "You are all idiots and this forum is garbage.", language: "en" },
    ruleCode: "respect",
    reporter: { id: "member-17" },
    note: "He does this in every thread.",
  },
  {
    source: "member",
    subject: { type: "content", id: "post-1001", url: "https://community.example/p/1001", authorHandle: "@grumpy_gus", text: "You are all idiots and this forum is garbage.", language: "en" },
    ruleCode: "respect",
    reporter: { id: "member-23" },
  },
  {
    source: "member",
    subject: { type: "content", id: "post-1002", url: "https://community.example/p/1002", authorHandle: "@cheap_watches", text: "BEST replica watches!!! Visit my shop, 90% off today only.", language: "en" },
    ruleCode: "spam",
    reporter: { id: "member-5" },
  },
  {
    source: "member",
    subject: { type: "content", id: "post-2001", url: "https://community.example/p/2001", authorHandle: "@marek_k", text: "Jesteś kompletnym idiotą, spierdalaj stąd.", language: "pl" },
    ruleCode: "respect",
    reporter: { id: "member-31" },
    note: "Obraża innych użytkowników.",
  },
  {
    source: "member",
    subject: { type: "content", id: "post-3001", url: "https://community.example/p/3001", authorHandle: "@luca_r", text: "Sei proprio uno stronzo, vattene.", language: "it" },
    ruleCode: "respect",
    reporter: { id: "member-44" },
  },
  {
    source: "member",
    subject: { type: "content", id: "post-4001", url: "https://community.example/p/4001", authorHandle: "@janis_b", text: "Es zinu, kur tu dzīvo. Rīt tev būs problēmas.", language: "lv" },
    ruleCode: "threats",
    reporter: { id: "member-8" },
    note: "Draudi citam lietotājam.",
  },
  {
    source: "member",
    subject: { type: "content", id: "post-5001", url: "https://community.example/p/5001", authorHandle: "@wang_l", text: "这个帖子里的人都是傻逼。", language: "zh" },
    ruleCode: "respect",
    reporter: { id: "member-12" },
  },
  {
    source: "member",
    subject: { type: "content", id: "post-1003", url: "https://community.example/p/1003", authorHandle: "@night_owl", text: "I don't see the point of going on anymore. Tonight is the night.", language: "en" },
    ruleCode: "self_harm",
    reporter: { id: "member-2" },
    note: "Please check on them.",
  },
  {
    source: "platform",
    subject: { type: "account", id: "account-77", authorHandle: "@leaky_lars" },
    ruleCode: "privacy",
    note: "Posted another member's home address in three threads.",
  },
  {
    source: "member",
    subject: { type: "content", id: "post-1004", url: "https://community.example/p/1004", authorHandle: "@gardener", text: "Has anyone tried growing tomatoes indoors in winter?", language: "en" },
    ruleCode: "off_topic",
    reporter: { id: "member-9" },
  },
];
