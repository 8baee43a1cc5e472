import type { PublicCopy } from "./en";

// The public pages in Latvian.

export const lv: PublicCopy = {
  name: "Latviešu",
  nav: { skip: "Pāriet uz saturu", report: "Ziņot par saturu", signIn: "Pieteikties" },
  languages: "Valoda",
  form: {
    title: "Ziņot par saturu · Vigil",
    heading: "Ziņot par saturu",
    intro: "Paziņojiet moderatoriem par ierakstu vai kontu, kas pārkāpj kopienas noteikumus. Konts nav vajadzīgs.",
    notSent: "Jūsu ziņojums netika nosūtīts.",
    checkFields: "Pārbaudiet šos laukus:",
    subject: "Saite uz ierakstu vai kontu vai tā ID",
    subjectHint: "Ielīmējiet adresi no pārlūka, piemēram, https://community.example/p/123.",
    subjectType: "Par ko jūs ziņojat?",
    content: "Ieraksts vai ziņa",
    account: "Konts",
    rule: "Kuru noteikumu tas pārkāpj?",
    chooseRule: "Izvēlieties noteikumu",
    text: "Teksts, kā jūs to redzat (nav obligāts)",
    textHint: (max) =>
      `Nokopējiet vārdus precīzi: moderatori redzēs šo kopiju, pat ja ieraksts tiks mainīts vai dzēsts. Ne vairāk kā ${max} rakstzīmes.`,
    language: "Teksta valoda (nav obligāta)",
    notSure: "Nezinu",
    note: "Vai moderatoriem vēl kas jāzina? (nav obligāti)",
    contact: "Jūsu e-pasts vai lietotājvārds, ja vēlaties saņemt atbildi (nav obligāts)",
    contactHint: "To redz tikai vecākie moderatori. Tas nekad netiek rādīts personai, par kuru ziņojat.",
    send: "Nosūtīt ziņojumu",
    sending: "Sūta…",
  },
  errors: {
    subjectRequired: "Ievadiet saiti uz ierakstu vai kontu vai tā ID.",
    subjectTooLong: (max) => `Saite ir par garu: ne vairāk kā ${max} rakstzīmes.`,
    subjectType: "Izvēlieties, vai ziņojat par ierakstu vai kontu.",
    ruleRequired: "Izvēlieties noteikumu, kas pārkāpts.",
    textTooLong: (max) => `Teksts ir garāks par ${max} rakstzīmēm. Ielīmējiet daļu, kas pārkāpj noteikumu.`,
    language: "Izvēlieties valodu no saraksta.",
    noteTooLong: (max) => `Piezīmē var būt ne vairāk kā ${max} rakstzīmes.`,
    contactTooLong: (max) => `Kontaktinformācijā var būt ne vairāk kā ${max} rakstzīmes.`,
    noNul: "Izņemiet no šī lauka NUL rakstzīmi (U+0000).",
    ruleGone: "Šī noteikuma vairs nav. Izvēlieties kādu no saraksta.",
    rateLimited: (minutes) =>
      `Pēdējās minūtēs no jūsu tīkla ir saņemts daudz ziņojumu. Jūsu ziņojums netika nosūtīts; mēģiniet vēlreiz pēc ${minutes} min. Jūsu ierakstītais ir saglabāts zemāk.`,
    tooLarge: "Šis ziņojums ir pārāk liels, lai to nosūtītu. Saīsiniet tekstu un mēģiniet vēlreiz.",
    unreadable: "Veidlapu neizdevās nolasīt. Pārlādējiet lapu un mēģiniet vēlreiz.",
  },
  receipt: {
    title: "Ziņojums saņemts · Vigil",
    heading: "Paldies! Jūsu ziņojums ir saņemts",
    referenceBefore: "Jūsu ziņojuma numurs ir ",
    referenceAfter: ". Norādiet to, ja sazināties ar moderatoriem par šo ziņojumu.",
    received: "Saņemts",
    next: "Moderatori izskata ziņojumus steidzamības secībā. Ja atstājāt kontaktinformāciju, jūs uzzināsiet rezultātu.",
    another: "Ziņot par ko citu",
    notFound: "Ziņojuma ar šādu numuru nav.",
  },
};
