import type { PublicCopy } from "./en";

// The public pages in German.

export const de: PublicCopy = {
  name: "Deutsch",
  nav: { skip: "Zum Inhalt springen", report: "Inhalt melden", signIn: "Anmelden" },
  languages: "Sprache",
  form: {
    title: "Inhalt melden · Vigil",
    heading: "Inhalt melden",
    intro: "Melden Sie den Moderatoren einen Beitrag oder ein Konto, das gegen die Community-Regeln verstößt. Sie brauchen dafür kein Konto.",
    notSent: "Ihre Meldung wurde nicht gesendet.",
    checkFields: "Bitte prüfen Sie diese Felder:",
    subject: "Link zum Beitrag oder Konto oder dessen ID",
    subjectHint: "Fügen Sie die Adresse aus Ihrem Browser ein, zum Beispiel https://community.example/p/123.",
    subjectType: "Was melden Sie?",
    content: "Einen Beitrag oder eine Nachricht",
    account: "Ein Konto",
    rule: "Gegen welche Regel verstößt es?",
    chooseRule: "Regel auswählen",
    text: "Der Text, wie Sie ihn sehen (optional)",
    textHint: (max) =>
      `Kopieren Sie den Wortlaut genau: Die Moderatoren sehen diese Kopie, auch wenn der Beitrag geändert oder gelöscht wird. Bis zu ${max} Zeichen.`,
    language: "Sprache des Textes (optional)",
    notSure: "Weiß nicht",
    note: "Sollten die Moderatoren noch etwas wissen? (optional)",
    contact: "Ihre E-Mail-Adresse oder Ihr Benutzername, falls Sie eine Rückmeldung möchten (optional)",
    contactHint: "Nur erfahrene Moderatoren sehen diese Angabe. Sie wird der gemeldeten Person nie gezeigt.",
    send: "Meldung senden",
    sending: "Wird gesendet…",
  },
  errors: {
    subjectRequired: "Geben Sie den Link zum Beitrag oder Konto oder dessen ID ein.",
    subjectTooLong: (max) => `Der Link ist zu lang: höchstens ${max} Zeichen.`,
    subjectType: "Wählen Sie, ob Sie einen Beitrag oder ein Konto melden.",
    ruleRequired: "Wählen Sie die Regel, gegen die verstoßen wird.",
    textTooLong: (max) => `Der Text ist länger als ${max} Zeichen. Fügen Sie den Teil ein, der gegen die Regel verstößt.`,
    language: "Wählen Sie eine Sprache aus der Liste.",
    noteTooLong: (max) => `Die Notiz darf höchstens ${max} Zeichen lang sein.`,
    contactTooLong: (max) => `Die Kontaktangabe darf höchstens ${max} Zeichen lang sein.`,
    noNul: "Entfernen Sie das NUL-Zeichen (U+0000) aus diesem Feld.",
    ruleGone: "Diese Regel gibt es nicht mehr. Wählen Sie eine aus der Liste.",
    rateLimited: (minutes) =>
      `Aus Ihrem Netzwerk kamen in den letzten Minuten viele Meldungen. Ihre Meldung wurde nicht gesendet; bitte versuchen Sie es in ${minutes} ${minutes === 1 ? "Minute" : "Minuten"} erneut. Ihre Eingaben sind unten erhalten.`,
    tooLarge: "Diese Meldung ist zu groß zum Senden. Kürzen Sie den Text und versuchen Sie es erneut.",
    unreadable: "Das Formular konnte nicht gelesen werden. Laden Sie die Seite neu und versuchen Sie es erneut.",
  },
  receipt: {
    title: "Meldung erhalten · Vigil",
    heading: "Danke: Ihre Meldung ist eingegangen",
    referenceBefore: "Ihre Referenznummer lautet ",
    referenceAfter: ". Geben Sie sie an, wenn Sie die Moderatoren zu dieser Meldung kontaktieren.",
    received: "Eingegangen",
    next: "Die Moderatoren bearbeiten Meldungen nach Dringlichkeit. Wenn Sie eine Kontaktmöglichkeit angegeben haben, erfahren Sie das Ergebnis.",
    another: "Etwas anderes melden",
    notFound: "Es gibt keine Meldung mit dieser Referenznummer.",
  },
};
