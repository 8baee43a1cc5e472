import type { Purpose } from "~/models/templates/template-purposes";

// The approved voice Vigil ships with: every purpose in English, Polish, Italian,
// Latvian and Chinese. In-app messages use the body; email adds the subject. Text is
// ICU MessageFormat with {{variable}} shorthand (decision 0011).

type Text = { subject: string; body: string };
export const TEMPLATE_TEXTS: Record<Purpose, Record<"en" | "pl" | "it" | "lv" | "zh", Text>> = {
  acknowledge_reporter: {
    en: { subject: "We received your report ({{case.ref}})", body: "Thank you for your report. We are reviewing it under “{{rule.title}}” as case {{case.ref}} and will tell you the outcome." },
    pl: { subject: "Otrzymaliśmy Twoje zgłoszenie ({{case.ref}})", body: "Dziękujemy za zgłoszenie. Sprawdzamy je w ramach zasady „{{rule.title}}” jako sprawę {{case.ref}} i poinformujemy Cię o wyniku." },
    it: { subject: "Abbiamo ricevuto la tua segnalazione ({{case.ref}})", body: "Grazie per la segnalazione. La stiamo esaminando secondo la regola “{{rule.title}}” come caso {{case.ref}} e ti comunicheremo l'esito." },
    lv: { subject: "Mēs saņēmām jūsu ziņojumu ({{case.ref}})", body: "Paldies par ziņojumu. Mēs to izskatām saskaņā ar noteikumu “{{rule.title}}” kā lietu {{case.ref}} un paziņosim jums iznākumu." },
    zh: { subject: "我们已收到你的举报（{{case.ref}}）", body: "感谢你的举报。我们正在依据“{{rule.title}}”规则审核此案（{{case.ref}}），并会告知你处理结果。" },
  },
  outcome_reporter: {
    en: { subject: "The outcome of your report ({{case.ref}})", body: "Thank you for your report. We reviewed case {{case.ref}} under “{{rule.title}}”. Outcome: {{outcome.label}}." },
    pl: { subject: "Wynik Twojego zgłoszenia ({{case.ref}})", body: "Dziękujemy za zgłoszenie. Sprawdziliśmy sprawę {{case.ref}} w ramach zasady „{{rule.title}}”. Wynik: {{outcome.label}}." },
    it: { subject: "L'esito della tua segnalazione ({{case.ref}})", body: "Grazie per la segnalazione. Abbiamo esaminato il caso {{case.ref}} secondo la regola “{{rule.title}}”. Esito: {{outcome.label}}." },
    lv: { subject: "Jūsu ziņojuma rezultāts ({{case.ref}})", body: "Paldies par ziņojumu. Mēs izskatījām lietu {{case.ref}} saskaņā ar noteikumu “{{rule.title}}”. Rezultāts: {{outcome.label}}." },
    zh: { subject: "你的举报处理结果（{{case.ref}}）", body: "感谢你的举报。我们已依据“{{rule.title}}”规则审核案件 {{case.ref}}。处理结果：{{outcome.label}}。" },
  },
  content_removed: {
    en: { subject: "Your post was removed", body: "Hello {{author.handle}}, we removed your post because it breaks our rule “{{rule.title}}” (case {{case.ref}})." },
    pl: { subject: "Twój wpis został usunięty", body: "Witaj {{author.handle}}, usunęliśmy Twój wpis, ponieważ narusza zasadę „{{rule.title}}” (sprawa {{case.ref}})." },
    it: { subject: "Il tuo post è stato rimosso", body: "Ciao {{author.handle}}, abbiamo rimosso il tuo post perché viola la regola “{{rule.title}}” (caso {{case.ref}})." },
    lv: { subject: "Jūsu ieraksts tika noņemts", body: "Sveiki, {{author.handle}}! Mēs noņēmām jūsu ierakstu, jo tas pārkāpj noteikumu “{{rule.title}}” (lieta {{case.ref}})." },
    zh: { subject: "你的帖子已被删除", body: "{{author.handle}}，你好。你的帖子违反了“{{rule.title}}”规则，已被删除（案件 {{case.ref}}）。" },
  },
  warning: {
    en: { subject: "A warning about your post", body: "Hello {{author.handle}}, your post breaks our rule “{{rule.title}}”. You now have {strike.count, plural, one {# strike} other {# strikes}}." },
    pl: { subject: "Ostrzeżenie dotyczące Twojego wpisu", body: "Witaj {{author.handle}}, Twój wpis narusza zasadę „{{rule.title}}”. Masz teraz {strike.count, plural, one {# ostrzeżenie} few {# ostrzeżenia} many {# ostrzeżeń} other {# ostrzeżenia}}." },
    it: { subject: "Un avvertimento sul tuo post", body: "Ciao {{author.handle}}, il tuo post viola la regola “{{rule.title}}”. Ora hai {strike.count, plural, one {# avvertimento} other {# avvertimenti}}." },
    lv: { subject: "Brīdinājums par jūsu ierakstu", body: "Sveiki, {{author.handle}}! Jūsu ieraksts pārkāpj noteikumu “{{rule.title}}”. Jums tagad ir {strike.count, plural, zero {# brīdinājumu} one {# brīdinājums} other {# brīdinājumi}}." },
    zh: { subject: "关于你帖子的警告", body: "{{author.handle}}，你好。你的帖子违反了“{{rule.title}}”规则。你目前共有 {strike.count} 次违规记录。" },
  },
  mute: {
    en: { subject: "Your account is muted", body: "Hello {{author.handle}}, your account is muted for a while because of a breach of “{{rule.title}}” (case {{case.ref}})." },
    pl: { subject: "Twoje konto zostało wyciszone", body: "Witaj {{author.handle}}, Twoje konto zostało tymczasowo wyciszone z powodu naruszenia zasady „{{rule.title}}” (sprawa {{case.ref}})." },
    it: { subject: "Il tuo account è silenziato", body: "Ciao {{author.handle}}, il tuo account è stato silenziato per un periodo per una violazione della regola “{{rule.title}}” (caso {{case.ref}})." },
    lv: { subject: "Jūsu konts ir apklusināts", body: "Sveiki, {{author.handle}}! Jūsu konts uz laiku ir apklusināts noteikuma “{{rule.title}}” pārkāpuma dēļ (lieta {{case.ref}})." },
    zh: { subject: "你的账号已被禁言", body: "{{author.handle}}，你好。由于违反“{{rule.title}}”规则，你的账号已被暂时禁言（案件 {{case.ref}}）。" },
  },
  suspension: {
    en: { subject: "Your account is suspended", body: "Hello {{author.handle}}, your account is suspended because of a breach of “{{rule.title}}” (case {{case.ref}}). You may appeal." },
    pl: { subject: "Twoje konto zostało zawieszone", body: "Witaj {{author.handle}}, Twoje konto zostało zawieszone z powodu naruszenia zasady „{{rule.title}}” (sprawa {{case.ref}}). Możesz się odwołać." },
    it: { subject: "Il tuo account è sospeso", body: "Ciao {{author.handle}}, il tuo account è sospeso per una violazione della regola “{{rule.title}}” (caso {{case.ref}}). Puoi presentare ricorso." },
    lv: { subject: "Jūsu konts ir apturēts", body: "Sveiki, {{author.handle}}! Jūsu konts ir apturēts noteikuma “{{rule.title}}” pārkāpuma dēļ (lieta {{case.ref}}). Jūs varat to pārsūdzēt." },
    zh: { subject: "你的账号已被暂停", body: "{{author.handle}}，你好。由于违反“{{rule.title}}”规则，你的账号已被暂停（案件 {{case.ref}}）。你可以提出申诉。" },
  },
  ban: {
    en: { subject: "Your account is banned", body: "Hello {{author.handle}}, your account is banned because of a serious breach of “{{rule.title}}” (case {{case.ref}}). You may appeal." },
    pl: { subject: "Twoje konto zostało zablokowane", body: "Witaj {{author.handle}}, Twoje konto zostało zablokowane z powodu poważnego naruszenia zasady „{{rule.title}}” (sprawa {{case.ref}}). Możesz się odwołać." },
    it: { subject: "Il tuo account è bloccato", body: "Ciao {{author.handle}}, il tuo account è bloccato per una grave violazione della regola “{{rule.title}}” (caso {{case.ref}}). Puoi presentare ricorso." },
    lv: { subject: "Jūsu konts ir bloķēts", body: "Sveiki, {{author.handle}}! Jūsu konts ir bloķēts nopietna noteikuma “{{rule.title}}” pārkāpuma dēļ (lieta {{case.ref}}). Jūs varat to pārsūdzēt." },
    zh: { subject: "你的账号已被封禁", body: "{{author.handle}}，你好。由于严重违反“{{rule.title}}”规则，你的账号已被封禁（案件 {{case.ref}}）。你可以提出申诉。" },
  },
  appeal_outcome: {
    en: { subject: "The outcome of your appeal ({{case.ref}})", body: "Hello {{author.handle}}, we reviewed your appeal on case {{case.ref}}. Outcome: {{outcome.label}}." },
    pl: { subject: "Wynik Twojego odwołania ({{case.ref}})", body: "Witaj {{author.handle}}, rozpatrzyliśmy Twoje odwołanie w sprawie {{case.ref}}. Wynik: {{outcome.label}}." },
    it: { subject: "L'esito del tuo ricorso ({{case.ref}})", body: "Ciao {{author.handle}}, abbiamo esaminato il tuo ricorso sul caso {{case.ref}}. Esito: {{outcome.label}}." },
    lv: { subject: "Jūsu pārsūdzības rezultāts ({{case.ref}})", body: "Sveiki, {{author.handle}}! Mēs izskatījām jūsu pārsūdzību lietā {{case.ref}}. Rezultāts: {{outcome.label}}." },
    zh: { subject: "你的申诉结果（{{case.ref}}）", body: "{{author.handle}}，你好。我们已审核你对案件 {{case.ref}} 的申诉。结果：{{outcome.label}}。" },
  },
  thank_you: {
    en: { subject: "Thank you for helping the community", body: "Thank you for your report (case {{case.ref}}). Reports like yours keep the community safe." },
    pl: { subject: "Dziękujemy za pomoc społeczności", body: "Dziękujemy za zgłoszenie (sprawa {{case.ref}}). Takie zgłoszenia dbają o bezpieczeństwo społeczności." },
    it: { subject: "Grazie per aiutare la comunità", body: "Grazie per la segnalazione (caso {{case.ref}}). Segnalazioni come la tua mantengono la comunità sicura." },
    lv: { subject: "Paldies, ka palīdzat kopienai", body: "Paldies par ziņojumu (lieta {{case.ref}}). Šādi ziņojumi palīdz kopienai būt drošai." },
    zh: { subject: "感谢你帮助社区", body: "感谢你的举报（案件 {{case.ref}}）。正是这样的举报让社区保持安全。" },
  },
  apology: {
    en: { subject: "We are sorry ({{case.ref}})", body: "We are sorry: we took too long to handle your report (case {{case.ref}}). We have reviewed it now." },
    pl: { subject: "Przepraszamy ({{case.ref}})", body: "Przepraszamy: obsługa Twojego zgłoszenia (sprawa {{case.ref}}) trwała zbyt długo. Zostało już sprawdzone." },
    it: { subject: "Ci scusiamo ({{case.ref}})", body: "Ci scusiamo: abbiamo impiegato troppo tempo per gestire la tua segnalazione (caso {{case.ref}}). Ora è stata esaminata." },
    lv: { subject: "Atvainojamies ({{case.ref}})", body: "Atvainojamies: jūsu ziņojuma (lieta {{case.ref}}) izskatīšana aizņēma pārāk ilgu laiku. Tagad tas ir izskatīts." },
    zh: { subject: "我们深表歉意（{{case.ref}}）", body: "很抱歉，我们处理你的举报（案件 {{case.ref}}）用时过长。现在已完成审核。" },
  },
  support: {
    en: { subject: "Support is available", body: "If you need to talk to someone, help is available at {{support.url}}. You are not alone." },
    pl: { subject: "Pomoc jest dostępna", body: "Jeśli potrzebujesz z kimś porozmawiać, pomoc znajdziesz pod adresem {{support.url}}. Nie jesteś sam." },
    it: { subject: "Il supporto è disponibile", body: "Se hai bisogno di parlare con qualcuno, trovi aiuto su {{support.url}}. Non sei solo." },
    lv: { subject: "Atbalsts ir pieejams", body: "Ja jums vajag ar kādu parunāt, palīdzība ir pieejama {{support.url}}. Jūs neesat viens." },
    zh: { subject: "你可以获得支持", body: "如果你需要找人倾诉，可以访问 {{support.url}} 获得帮助。你并不孤单。" },
  },
  holding_statement: {
    en: { subject: "About the {{incident.title}}", body: "We are aware of the {{incident.title}} and are looking into it. We will share an update soon." },
    pl: { subject: "W sprawie: {{incident.title}}", body: "Wiemy o problemie: {{incident.title}} i sprawdzamy go. Wkrótce przekażemy więcej informacji." },
    it: { subject: "Riguardo a: {{incident.title}}", body: "Siamo a conoscenza del problema: {{incident.title}} e lo stiamo verificando. Condivideremo presto un aggiornamento." },
    lv: { subject: "Par: {{incident.title}}", body: "Mēs zinām par problēmu: {{incident.title}} un to izmeklējam. Drīzumā sniegsim jaunāko informāciju." },
    zh: { subject: "关于：{{incident.title}}", body: "我们已注意到“{{incident.title}}”，正在调查中，稍后会发布最新进展。" },
  },
  status_update: {
    en: { subject: "Update {update.count} on the {{incident.title}}", body: "Update {update.count} on the {{incident.title}}: we are still working on it and will post again soon." },
    pl: { subject: "Aktualizacja {update.count}: {{incident.title}}", body: "Aktualizacja {update.count} w sprawie: {{incident.title}}. Nadal nad tym pracujemy i wkrótce podamy więcej." },
    it: { subject: "Aggiornamento {update.count}: {{incident.title}}", body: "Aggiornamento {update.count} su: {{incident.title}}. Ci stiamo ancora lavorando e pubblicheremo presto altre notizie." },
    lv: { subject: "Atjauninājums {update.count}: {{incident.title}}", body: "Atjauninājums {update.count} par: {{incident.title}}. Mēs joprojām pie tā strādājam un drīz ziņosim vēlreiz." },
    zh: { subject: "第 {update.count} 次更新：{{incident.title}}", body: "关于“{{incident.title}}”的第 {update.count} 次更新：我们仍在处理中，稍后会再次发布消息。" },
  },
  resolution_statement: {
    en: { subject: "Resolved: {{incident.title}}", body: "The {{incident.title}} is resolved. Thank you for your patience; we will share what we learned from it." },
    pl: { subject: "Rozwiązane: {{incident.title}}", body: "Problem: {{incident.title}} został rozwiązany. Dziękujemy za cierpliwość; podzielimy się tym, czego się z niego nauczyliśmy." },
    it: { subject: "Risolto: {{incident.title}}", body: "Il problema: {{incident.title}} è stato risolto. Grazie per la pazienza; condivideremo ciò che abbiamo imparato." },
    lv: { subject: "Atrisināts: {{incident.title}}", body: "Problēma: {{incident.title}} ir atrisināta. Paldies par pacietību; mēs pastāstīsim, ko no tās esam mācījušies." },
    zh: { subject: "已解决：{{incident.title}}", body: "“{{incident.title}}”已解决。感谢你的耐心，我们会分享从中汲取的经验。" },
  },
};

/**
 * German and Spanish (the public pages' other languages) for what the seeded crisis
 * playbooks send: their statements speak every language Vigil speaks to members, and
 * verify without falling back to English.
 */
export const CRISIS_TEMPLATE_TEXTS: Partial<Record<Purpose, Record<"de" | "es", Text>>> = {
  support: {
    de: { subject: "Hilfe ist erreichbar", body: "Wenn du mit jemandem sprechen möchtest, findest du Hilfe unter {{support.url}}. Du bist nicht allein." },
    es: { subject: "Hay ayuda disponible", body: "Si necesitas hablar con alguien, encontrarás ayuda en {{support.url}}. No estás solo." },
  },
  holding_statement: {
    de: { subject: "Zu: {{incident.title}}", body: "Wir wissen von diesem Problem: {{incident.title}}. Wir prüfen es und melden uns bald mit neuen Informationen." },
    es: { subject: "Sobre: {{incident.title}}", body: "Sabemos del problema: {{incident.title}} y lo estamos investigando. Pronto compartiremos más información." },
  },
  status_update: {
    de: { subject: "Update {update.count}: {{incident.title}}", body: "Update {update.count} zu: {{incident.title}}. Wir arbeiten weiter daran und melden uns bald wieder." },
    es: { subject: "Actualización {update.count}: {{incident.title}}", body: "Actualización {update.count} sobre: {{incident.title}}. Seguimos trabajando en ello y publicaremos novedades pronto." },
  },
  resolution_statement: {
    de: { subject: "Behoben: {{incident.title}}", body: "Das Problem ist behoben: {{incident.title}}. Danke für deine Geduld; wir teilen bald, was wir daraus gelernt haben." },
    es: { subject: "Resuelto: {{incident.title}}", body: "El problema está resuelto: {{incident.title}}. Gracias por tu paciencia; compartiremos lo que hemos aprendido." },
  },
};
