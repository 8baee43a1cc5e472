// The community rules Vigil ships with: what community guides name (respect, no spam,
// stay on topic, members' privacy) and the severe ones every platform needs. Severity
// runs from 1 (minor) to 5 (most severe); it feeds case priority and escalation.
// Admins edit titles, descriptions and severities at /admin/rules.
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
      en: {
        title: "Respectful communication",
        description:
          "Treat other members with respect. No personal attacks, insults, name-calling or harassment; criticise ideas, not people.",
      },
      pl: {
        title: "Kultura wypowiedzi",
        description:
          "Szanuj innych członków społeczności. Żadnych ataków osobistych, obelg, wyzwisk ani nękania; krytykuj poglądy, a nie ludzi.",
      },
      it: {
        title: "Comunicazione rispettosa",
        description:
          "Tratta gli altri membri con rispetto. Niente attacchi personali, insulti, offese o molestie: critica le idee, non le persone.",
      },
      lv: {
        title: "Cieņpilna saziņa",
        description:
          "Izturies pret citiem dalībniekiem ar cieņu. Nekādu personisku uzbrukumu, apvainojumu, apsaukāšanās vai uzmākšanās — kritizē idejas, nevis cilvēkus.",
      },
      zh: {
        title: "文明交流",
        description: "尊重社区中的其他成员。禁止人身攻击、侮辱、谩骂或骚扰；对事不对人。",
      },
      de: {
        title: "Respektvoller Umgang",
        description:
          "Begegne anderen Mitgliedern mit Respekt. Keine persönlichen Angriffe, Beleidigungen, Beschimpfungen oder Belästigung – kritisiere Ideen, nicht Menschen.",
      },
      es: {
        title: "Comunicación respetuosa",
        description:
          "Trata a los demás miembros con respeto. Nada de ataques personales, insultos, descalificaciones ni acoso: critica las ideas, no a las personas.",
      },
    },
  },
  {
    code: "spam",
    severity: 1,
    translations: {
      en: {
        title: "No spam or self-promotion",
        description:
          "No unsolicited advertising, repeated posts, link dumping or promotion of your own products, channels or services.",
      },
      pl: {
        title: "Zakaz spamu i autopromocji",
        description:
          "Żadnych niechcianych reklam, powtarzanych wpisów, masowego wklejania linków ani promowania własnych produktów, kanałów czy usług.",
      },
      it: {
        title: "Niente spam né autopromozione",
        description:
          "Niente pubblicità non richiesta, messaggi ripetuti, raffiche di link o promozione dei propri prodotti, canali o servizi.",
      },
      lv: {
        title: "Bez surogātpasta un pašreklāmas",
        description:
          "Aizliegta nevēlama reklāma, atkārtoti ieraksti, saišu masveida izplatīšana un savu produktu, kanālu vai pakalpojumu reklamēšana.",
      },
      zh: {
        title: "禁止垃圾信息和自我推广",
        description: "禁止发布未经请求的广告、重复发帖、大量发布链接，或推广自己的产品、频道或服务。",
      },
      de: {
        title: "Kein Spam und keine Eigenwerbung",
        description:
          "Keine unerwünschte Werbung, keine wiederholten Beiträge, kein massenhaftes Verlinken und keine Werbung für eigene Produkte, Kanäle oder Dienstleistungen.",
      },
      es: {
        title: "Nada de spam ni autopromoción",
        description:
          "No se permite publicidad no solicitada, mensajes repetidos, enlaces en masa ni promocionar tus propios productos, canales o servicios.",
      },
    },
  },
  {
    code: "off_topic",
    severity: 1,
    translations: {
      en: {
        title: "Stay on topic",
        description:
          "Keep posts relevant to the community and to the thread they are in. Take unrelated discussions to the right place.",
      },
      pl: {
        title: "Trzymaj się tematu",
        description:
          "Publikuj treści związane ze społecznością i z wątkiem, w którym piszesz. Dyskusje na inne tematy przenoś we właściwe miejsce.",
      },
      it: {
        title: "Resta in tema",
        description:
          "Pubblica contenuti pertinenti alla community e alla discussione in cui scrivi. Porta le conversazioni fuori tema nel posto giusto.",
      },
      lv: {
        title: "Nenovirzies no tēmas",
        description:
          "Raksti par tēmām, kas attiecas uz kopienu un konkrēto diskusiju. Nesaistītas sarunas turpini tām paredzētajā vietā.",
      },
      zh: {
        title: "保持切题",
        description: "发布的内容应与社区及所在的讨论帖相关。与主题无关的讨论请移至合适的版块。",
      },
      de: {
        title: "Beim Thema bleiben",
        description:
          "Beiträge sollen zur Community und zum jeweiligen Thread passen. Führe themenfremde Diskussionen an passender Stelle weiter.",
      },
      es: {
        title: "Cíñete al tema",
        description:
          "Publica contenido relacionado con la comunidad y con el hilo en el que participas. Lleva las conversaciones ajenas al tema al lugar adecuado.",
      },
    },
  },
  {
    code: "privacy",
    severity: 3,
    translations: {
      en: {
        title: "Privacy and confidentiality",
        description:
          "Do not share other members' personal information or private messages without their consent, and respect what was shared in confidence.",
      },
      pl: {
        title: "Prywatność i poufność",
        description:
          "Nie udostępniaj danych osobowych ani prywatnych wiadomości innych członków bez ich zgody i szanuj to, co powierzono ci w zaufaniu.",
      },
      it: {
        title: "Privacy e riservatezza",
        description:
          "Non condividere informazioni personali o messaggi privati di altri membri senza il loro consenso e rispetta ciò che ti è stato confidato.",
      },
      lv: {
        title: "Privātums un konfidencialitāte",
        description:
          "Neizpaud citu dalībnieku personas datus vai privātās ziņas bez viņu piekrišanas un cieni to, kas tev uzticēts konfidenciāli.",
      },
      zh: {
        title: "隐私与保密",
        description: "未经本人同意，不得公开其他成员的个人信息或私信；尊重他人私下告诉你的内容。",
      },
      de: {
        title: "Privatsphäre und Vertraulichkeit",
        description:
          "Teile keine persönlichen Daten oder privaten Nachrichten anderer Mitglieder ohne deren Einwilligung und respektiere, was dir im Vertrauen erzählt wurde.",
      },
      es: {
        title: "Privacidad y confidencialidad",
        description:
          "No compartas información personal ni mensajes privados de otros miembros sin su consentimiento, y respeta lo que se te haya contado en confianza.",
      },
    },
  },
  {
    code: "hate",
    severity: 4,
    translations: {
      en: {
        title: "No hate speech",
        description:
          "No content that attacks, demeans or dehumanises people for their race, ethnicity, nationality, religion, gender, sexual orientation, disability or other protected characteristics.",
      },
      pl: {
        title: "Zakaz mowy nienawiści",
        description:
          "Żadnych treści, które atakują, poniżają lub odczłowieczają ludzi ze względu na rasę, pochodzenie etniczne, narodowość, religię, płeć, orientację seksualną, niepełnosprawność lub inne chronione cechy.",
      },
      it: {
        title: "Niente incitamento all'odio",
        description:
          "Nessun contenuto che attacchi, sminuisca o disumanizzi le persone per razza, etnia, nazionalità, religione, genere, orientamento sessuale, disabilità o altre caratteristiche protette.",
      },
      lv: {
        title: "Bez naida runas",
        description:
          "Aizliegts saturs, kas uzbrūk cilvēkiem, pazemo vai dehumanizē viņus rases, etniskās piederības, tautības, reliģijas, dzimuma, seksuālās orientācijas, invaliditātes vai citu aizsargātu pazīmju dēļ.",
      },
      zh: {
        title: "禁止仇恨言论",
        description: "禁止基于种族、民族、国籍、宗教、性别、性取向、残障或其他受保护特征，攻击、贬低他人或将他人非人化的内容。",
      },
      de: {
        title: "Keine Hassrede",
        description:
          "Keine Inhalte, die Menschen wegen ihrer Herkunft, ethnischen Zugehörigkeit, Nationalität, Religion, ihres Geschlechts, ihrer sexuellen Orientierung, einer Behinderung oder anderer geschützter Merkmale angreifen, herabwürdigen oder entmenschlichen.",
      },
      es: {
        title: "Prohibido el discurso de odio",
        description:
          "No se permite contenido que ataque, denigre o deshumanice a las personas por su raza, origen étnico, nacionalidad, religión, género, orientación sexual, discapacidad u otras características protegidas.",
      },
    },
  },
  {
    code: "threats",
    severity: 5,
    translations: {
      en: {
        title: "Threats and violence",
        description:
          "No threats of violence, incitement to violence or glorification of violent acts against any person or group.",
      },
      pl: {
        title: "Groźby i przemoc",
        description:
          "Zakaz gróźb użycia przemocy, nawoływania do przemocy oraz gloryfikowania aktów przemocy wobec jakiejkolwiek osoby lub grupy.",
      },
      it: {
        title: "Minacce e violenza",
        description:
          "Vietate le minacce di violenza, l'incitamento alla violenza e l'esaltazione di atti violenti contro qualsiasi persona o gruppo.",
      },
      lv: {
        title: "Draudi un vardarbība",
        description:
          "Aizliegts draudēt ar vardarbību, aicināt uz to vai slavināt vardarbību pret jebkuru personu vai cilvēku grupu.",
      },
      zh: {
        title: "威胁与暴力",
        description: "禁止针对任何个人或群体进行暴力威胁、煽动暴力或美化暴力行为。",
      },
      de: {
        title: "Drohungen und Gewalt",
        description:
          "Keine Gewaltandrohungen, keine Aufrufe zu Gewalt und keine Verherrlichung von Gewalttaten gegen Personen oder Gruppen.",
      },
      es: {
        title: "Amenazas y violencia",
        description:
          "No se permiten amenazas de violencia, la incitación a la violencia ni la apología de actos violentos contra cualquier persona o grupo.",
      },
    },
  },
  {
    code: "self_harm",
    severity: 5,
    translations: {
      en: {
        title: "Self-harm and suicide",
        description:
          "No content that encourages, promotes or gives instructions for suicide or self-harm. Posts from members who may be at risk go straight to the top of the escalation path so someone can reach out.",
      },
      pl: {
        title: "Samookaleczenia i samobójstwo",
        description:
          "Zakaz treści, które zachęcają do samobójstwa lub samookaleczeń, propagują je albo podają instrukcje. Wpisy członków, którzy mogą być zagrożeni, są od razu przekazywane na najwyższy szczebel eskalacji, aby ktoś mógł się z nimi skontaktować.",
      },
      it: {
        title: "Autolesionismo e suicidio",
        description:
          "Vietati i contenuti che incoraggiano o promuovono il suicidio o l'autolesionismo, o che spiegano come metterli in atto. I messaggi di membri che potrebbero essere a rischio passano subito al livello più alto, perché qualcuno possa contattarli.",
      },
      lv: {
        title: "Paškaitējums un pašnāvība",
        description:
          "Aizliegts saturs, kas mudina uz pašnāvību vai paškaitējumu, to popularizē vai sniedz norādījumus. Tādu dalībnieku ieraksti, kuri varētu būt apdraudēti, nekavējoties tiek nodoti augstākajam eskalācijas līmenim, lai kāds varētu ar viņiem sazināties.",
      },
      zh: {
        title: "自残与自杀",
        description: "禁止鼓励、宣扬自杀或自残，或提供相关方法的内容。可能处于危险中的成员发布的内容会立即上报至最高层级，以便有人及时联系他们。",
      },
      de: {
        title: "Selbstverletzung und Suizid",
        description:
          "Keine Inhalte, die zu Suizid oder Selbstverletzung ermutigen, sie verherrlichen oder Anleitungen dazu geben. Beiträge von Mitgliedern, die gefährdet sein könnten, gehen sofort an die höchste Eskalationsstufe, damit sich jemand bei ihnen meldet.",
      },
      es: {
        title: "Autolesiones y suicidio",
        description:
          "No se permite contenido que fomente, promueva o dé instrucciones sobre el suicidio o las autolesiones. Las publicaciones de miembros que puedan estar en riesgo pasan de inmediato al nivel más alto de escalado para que alguien pueda ponerse en contacto con ellos.",
      },
    },
  },
  {
    code: "illegal",
    severity: 5,
    translations: {
      en: {
        title: "Illegal content",
        description:
          "No content that is illegal or promotes illegal activity, such as child sexual abuse material, the sale of illegal goods, fraud or pirated material.",
      },
      pl: {
        title: "Treści niezgodne z prawem",
        description:
          "Zakaz treści nielegalnych lub promujących działalność niezgodną z prawem, takich jak materiały przedstawiające seksualne wykorzystywanie dzieci, handel nielegalnymi towarami, oszustwa czy materiały pirackie.",
      },
      it: {
        title: "Contenuti illegali",
        description:
          "Vietati i contenuti illegali o che promuovono attività illecite, come materiale pedopornografico, vendita di beni illegali, truffe o materiale piratato.",
      },
      lv: {
        title: "Nelikumīgs saturs",
        description:
          "Aizliegts nelikumīgs saturs un saturs, kas popularizē nelikumīgas darbības, piemēram, bērnu seksuālas izmantošanas materiāli, nelegālu preču tirdzniecība, krāpšana vai pirātisks saturs.",
      },
      zh: {
        title: "违法内容",
        description: "禁止发布违法内容或宣扬违法活动的内容，例如儿童性虐待材料、买卖违禁物品、诈骗或盗版资源。",
      },
      de: {
        title: "Rechtswidrige Inhalte",
        description:
          "Keine rechtswidrigen Inhalte und nichts, was für illegale Handlungen wirbt, etwa Darstellungen sexuellen Missbrauchs von Kindern, der Handel mit verbotenen Waren, Betrug oder raubkopierte Inhalte.",
      },
      es: {
        title: "Contenido ilegal",
        description:
          "No se permite contenido ilegal ni que promueva actividades ilícitas, como material de abuso sexual infantil, la venta de productos ilegales, fraudes o material pirateado.",
      },
    },
  },
];
