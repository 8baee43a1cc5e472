// The public pages in English: the reference every other language follows, key for key.
// Numbers arrive formatted for the language (see ../public/index.ts).

export const en = {
  name: "English",
  nav: { skip: "Skip to content", report: "Report content", signIn: "Sign in" },
  languages: "Language",
  form: {
    title: "Report content · Vigil",
    heading: "Report content",
    intro: "Tell the moderators about a post or an account that breaks the community rules. You do not need an account.",
    notSent: "Your report was not sent.",
    checkFields: "Check these fields:",
    subject: "Link to the post or account, or its id",
    subjectHint: "Paste the address from your browser, for example https://community.example/p/123.",
    subjectType: "What are you reporting?",
    content: "A post or message",
    account: "An account",
    rule: "Which rule does it break?",
    chooseRule: "Choose a rule",
    text: "The text, as you see it (optional)",
    textHint: (max: string) =>
      `Copy the words exactly: moderators see this snapshot even if the post is changed or deleted. Up to ${max} characters.`,
    language: "Language of the text (optional)",
    notSure: "Not sure",
    note: "Anything else the moderators should know? (optional)",
    contact: "Your email or handle, if you want to hear back (optional)",
    contactHint: "Only senior moderation staff see it. It is never shown to the person you report.",
    send: "Send report",
    sending: "Sending…",
  },
  errors: {
    subjectRequired: "Enter the link to the post or account, or its id.",
    subjectTooLong: (max: string) => `The link is too long: at most ${max} characters.`,
    subjectType: "Choose whether you are reporting a post or an account.",
    ruleRequired: "Choose the rule it breaks.",
    textTooLong: (max: string) => `The text is longer than ${max} characters. Paste the part that breaks the rule.`,
    language: "Choose a language from the list.",
    noteTooLong: (max: string) => `Keep the note under ${max} characters.`,
    contactTooLong: (max: string) => `Keep your contact under ${max} characters.`,
    noNul: "Remove the NUL character (U+0000) from this field.",
    ruleGone: "This rule no longer exists. Choose one from the list.",
    rateLimited: (minutes: number) =>
      `Many reports have come from your network in the last few minutes. Your report was not sent; please try again in ${minutes} ${minutes === 1 ? "minute" : "minutes"}. What you typed is kept below.`,
    tooLarge: "This report is too large to send. Shorten the text and try again.",
    unreadable: "The form could not be read. Reload the page and try again.",
  },
  receipt: {
    title: "Report received · Vigil",
    heading: "Thank you: your report was received",
    referenceBefore: "Your reference is ",
    referenceAfter: ". Quote it if you contact the moderators about this report.",
    received: "Received",
    next: "Moderators review reports in order of urgency. If you left a way to reach you, you will hear about the outcome.",
    another: "Report something else",
    notFound: "There is no report with this reference.",
  },
};

export type PublicCopy = typeof en;
