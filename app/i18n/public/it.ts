import type { PublicCopy } from "./en";

// The public pages in Italian.

export const it: PublicCopy = {
  name: "Italiano",
  nav: { skip: "Vai al contenuto", report: "Segnala un contenuto", signIn: "Accedi" },
  languages: "Lingua",
  form: {
    title: "Segnala un contenuto · Vigil",
    heading: "Segnala un contenuto",
    intro: "Segnala ai moderatori un post o un account che viola le regole della community. Non serve un account.",
    notSent: "La segnalazione non è stata inviata.",
    checkFields: "Controlla questi campi:",
    subject: "Link al post o all'account, oppure il suo ID",
    subjectHint: "Incolla l'indirizzo dal browser, ad esempio https://community.example/p/123.",
    subjectType: "Cosa stai segnalando?",
    content: "Un post o un messaggio",
    account: "Un account",
    rule: "Quale regola viola?",
    chooseRule: "Scegli una regola",
    text: "Il testo, così come lo vedi (facoltativo)",
    textHint: (max) =>
      `Copia le parole esattamente: i moderatori vedono questa copia anche se il post viene modificato o eliminato. Fino a ${max} caratteri.`,
    language: "Lingua del testo (facoltativo)",
    notSure: "Non so",
    note: "C'è altro che i moderatori dovrebbero sapere? (facoltativo)",
    contact: "La tua email o il tuo nome utente, se vuoi una risposta (facoltativo)",
    contactHint: "Lo vedono solo i moderatori senior. Non viene mai mostrato alla persona che segnali.",
    send: "Invia la segnalazione",
    sending: "Invio in corso…",
  },
  errors: {
    subjectRequired: "Inserisci il link al post o all'account, oppure il suo ID.",
    subjectTooLong: (max) => `Il link è troppo lungo: al massimo ${max} caratteri.`,
    subjectType: "Scegli se stai segnalando un post o un account.",
    ruleRequired: "Scegli la regola che viola.",
    textTooLong: (max) => `Il testo supera i ${max} caratteri. Incolla la parte che viola la regola.`,
    language: "Scegli una lingua dall'elenco.",
    noteTooLong: (max) => `La nota può avere al massimo ${max} caratteri.`,
    contactTooLong: (max) => `Il contatto può avere al massimo ${max} caratteri.`,
    noNul: "Rimuovi il carattere NUL (U+0000) da questo campo.",
    ruleGone: "Questa regola non esiste più. Scegline una dall'elenco.",
    rateLimited: (minutes) =>
      `Negli ultimi minuti sono arrivate molte segnalazioni dalla tua rete. La tua segnalazione non è stata inviata; riprova tra ${minutes} ${minutes === 1 ? "minuto" : "minuti"}. Quello che hai scritto è conservato qui sotto.`,
    tooLarge: "Questa segnalazione è troppo grande per essere inviata. Accorcia il testo e riprova.",
    unreadable: "Non è stato possibile leggere il modulo. Ricarica la pagina e riprova.",
  },
  receipt: {
    title: "Segnalazione ricevuta · Vigil",
    heading: "Grazie: abbiamo ricevuto la tua segnalazione",
    referenceBefore: "Il tuo codice di riferimento è ",
    referenceAfter: ". Indicalo se contatti i moderatori per questa segnalazione.",
    received: "Ricevuta",
    next: "I moderatori esaminano le segnalazioni in ordine di urgenza. Se hai lasciato un contatto, ti faremo sapere l'esito.",
    another: "Segnala qualcos'altro",
    notFound: "Non esiste una segnalazione con questo codice.",
  },
};
