// The community rules Vigil ships with. Severity: 1 (minor) to 5 (most severe).
export type RuleSeed = {
  code: string;
  severity: number;
  translations: Record<string, { title: string; description: string }>;
};

export const RULES: RuleSeed[] = [
  {
    code: "respect",
    severity: 2,
    translations: {
      en: { title: "Respectful communication", description: "No personal attacks, insults or harassment of other members." },
    },
  },
  {
    code: "spam",
    severity: 1,
    translations: { en: { title: "No spam or self-promotion", description: "No unsolicited advertising, link farming or repeated posts." } },
  },
];
