import type { PublicCopy } from "./en";

// The public pages in Polish.

export const pl: PublicCopy = {
  name: "Polski",
  nav: { skip: "Przejdź do treści", report: "Zgłoś treść", signIn: "Zaloguj się" },
  languages: "Język",
  form: {
    title: "Zgłoś treść · Vigil",
    heading: "Zgłoś treść",
    intro: "Powiadom moderatorów o wpisie lub koncie, które łamie zasady społeczności. Nie musisz mieć konta.",
    notSent: "Zgłoszenie nie zostało wysłane.",
    checkFields: "Popraw te pola:",
    subject: "Link do wpisu lub konta albo jego identyfikator",
    subjectHint: "Wklej adres z przeglądarki, na przykład https://community.example/p/123.",
    subjectType: "Co zgłaszasz?",
    content: "Wpis lub wiadomość",
    account: "Konto",
    rule: "Jaką zasadę narusza?",
    chooseRule: "Wybierz zasadę",
    text: "Treść, tak jak ją widzisz (opcjonalnie)",
    textHint: (max) =>
      `Skopiuj słowa dokładnie: moderatorzy zobaczą tę kopię, nawet jeśli wpis zostanie zmieniony lub usunięty. Najwyżej ${max} znaków.`,
    language: "Język tekstu (opcjonalnie)",
    notSure: "Nie wiem",
    note: "Czy moderatorzy powinni wiedzieć coś jeszcze? (opcjonalnie)",
    contact: "Twój e-mail lub nazwa użytkownika, jeśli chcesz dostać odpowiedź (opcjonalnie)",
    contactHint: "Widzą go tylko starsi moderatorzy. Nigdy nie jest pokazywany osobie, którą zgłaszasz.",
    send: "Wyślij zgłoszenie",
    sending: "Wysyłanie…",
  },
  errors: {
    subjectRequired: "Podaj link do wpisu lub konta albo jego identyfikator.",
    subjectTooLong: (max) => `Link jest za długi: najwyżej ${max} znaków.`,
    subjectType: "Wybierz, czy zgłaszasz wpis, czy konto.",
    ruleRequired: "Wybierz zasadę, którą narusza.",
    textTooLong: (max) => `Tekst ma więcej niż ${max} znaków. Wklej fragment, który łamie zasadę.`,
    language: "Wybierz język z listy.",
    noteTooLong: (max) => `Notatka może mieć najwyżej ${max} znaków.`,
    contactTooLong: (max) => `Kontakt może mieć najwyżej ${max} znaków.`,
    noNul: "Usuń z tego pola znak NUL (U+0000).",
    ruleGone: "Tej zasady już nie ma. Wybierz jedną z listy.",
    rateLimited: (minutes) =>
      `W ostatnich minutach z Twojej sieci wysłano wiele zgłoszeń. Twoje zgłoszenie nie zostało wysłane; spróbuj ponownie za ${minutes} min. To, co wpisano, jest zachowane poniżej.`,
    tooLarge: "To zgłoszenie jest za duże, aby je wysłać. Skróć tekst i spróbuj ponownie.",
    unreadable: "Nie udało się odczytać formularza. Odśwież stronę i spróbuj ponownie.",
  },
  receipt: {
    title: "Zgłoszenie przyjęte · Vigil",
    heading: "Dziękujemy: otrzymaliśmy Twoje zgłoszenie",
    referenceBefore: "Numer Twojego zgłoszenia to ",
    referenceAfter: ". Podaj go, jeśli skontaktujesz się z moderatorami w sprawie tego zgłoszenia.",
    received: "Otrzymano",
    next: "Moderatorzy rozpatrują zgłoszenia według pilności. Jeśli podano kontakt, poinformujemy o wyniku.",
    another: "Zgłoś coś innego",
    notFound: "Nie ma zgłoszenia o tym numerze.",
  },
};
