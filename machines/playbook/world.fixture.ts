// Vigil's roles, template purposes and seeded languages as the app passes them in (from
// app/utils/permissions.ts and app/models/templates/template-purposes.ts), for the tests and tools
// here, which may not import the app.
import type { PlaybookWorld } from "./world";

export const SEEDED_LANGUAGES = ["en", "pl", "it", "lv", "zh", "de", "es"] as const;

const direct = ["in_app", "email"];
const outward = ["public_post", "email"];

export const VIGIL_WORLD: PlaybookWorld = {
  roles: ["moderator", "senior_moderator", "trust_safety_lead", "crisis_responder", "crisis_commander", "comms_lead", "leadership", "admin"],
  purposes: {
    acknowledge_reporter: { channels: direct },
    outcome_reporter: { channels: direct },
    content_removed: { channels: direct },
    warning: { channels: direct },
    mute: { channels: direct },
    suspension: { channels: direct },
    ban: { channels: direct },
    appeal_outcome: { channels: direct },
    thank_you: { channels: direct },
    apology: { channels: direct },
    support: { channels: direct },
    holding_statement: { channels: outward },
    status_update: { channels: outward },
  },
  languages: SEEDED_LANGUAGES,
  audiences: ["public", "members", "press", "reporter", "author"],
  crisisTypes: ["harassment_raid", "data_leak", "pr_backlash", "safety_threat"],
  defaultLanguage: "en",
};

/** Approved templates for every purpose, channel and seeded language. */
export function templatesFor(world: PlaybookWorld, languages: readonly string[] = world.languages) {
  return Object.entries(world.purposes).flatMap(([purpose, { channels }]) => channels.flatMap((channel) => languages.map((language) => ({ purpose, channel, language }))));
}
