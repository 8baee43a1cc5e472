// A deterministic corpus of report texts in several languages for the text-screen bench:
// ordinary sentences, some carrying a listed word as written, some disguised.
import { Filter } from "bad-words";
import naughtyWords from "naughty-words";
import { seededRandom } from "../app/screen/test-corpus";

export type CorpusMessage = {
  text: string;
  /** The language a report would carry; null when the reporter gave none. */
  language: string | null;
  /** What the generator put in: "en clean", "en listed", "en disguised", "pl listed"... */
  kind: string;
};

const ORDINARY: Record<string, string> = {
  en: `the a to and of in is it you that he was for on are with as his they be at one have this from or had by word but
    what some we can out other were all there when up use your how said an each she which do their time if will way about
    many then them write would like so these her long make thing see him two has look more day could go come did number
    sound no most people my over know water than call first who may down side been now find any new work part take get
    place made live where after back little only round man year came show every good me give our under name very through
    just form sentence great think say help low line differ turn cause much mean before move right boy old too same tell
    does set three want air well also play small end put home read hand port large spell add even land here must big high
    such follow act why ask men change went light kind off need house picture try us again animal point mother world near
    build self earth father moderator report post thread comment account community member reply team message channel`,
  pl: `to jest mój dom gdzie ty idziesz dzisiaj jutro wczoraj bardzo dobrze źle człowiek kobieta mężczyzna dziecko praca
    szkoła książka woda chleb mleko samochód miasto wieś rzeka góra morze słońce księżyc gwiazda pies kot ptak drzewo kwiat
    zielony czerwony niebieski żółty biały czarny duży mały nowy stary młody ładny brzydki szybko wolno zawsze nigdy często
    rzadko dziękuję proszę przepraszam dzień noc rano wieczór tydzień miesiąc rok`,
  it: `il la lo gli le un una questo quello casa strada città paese acqua pane latte vino amico amica lavoro scuola libro
    macchina treno mare montagna sole luna stella cane gatto uccello albero fiore verde rosso blu giallo bianco nero grande
    piccolo nuovo vecchio giovane bello brutto velocemente lentamente sempre mai spesso raramente grazie prego scusa giorno
    notte mattina sera settimana mese anno perché quando dove come molto poco`,
  de: `der die das ein eine ist und oder aber nicht haus straße stadt land wasser brot milch wein freund freundin arbeit
    schule buch auto zug meer berg sonne mond stern hund katze vogel baum blume grün rot blau gelb weiß schwarz groß klein
    neu alt jung schön hässlich schnell langsam immer nie oft selten danke bitte entschuldigung tag nacht morgen abend woche
    monat jahr warum wann wo wie sehr wenig über für mit ohne`,
  fr: `le la les un une ce cette maison rue ville pays eau pain lait vin ami amie travail école livre voiture train mer
    montagne soleil lune étoile chien chat oiseau arbre fleur vert rouge bleu jaune blanc noir grand petit nouveau vieux
    jeune beau laid vite lentement toujours jamais souvent rarement merci pardon jour nuit matin soir semaine mois année
    pourquoi quand où comment très peu avec sans pour`,
  es: `el la los las un una este esta casa calle ciudad país agua pan leche vino amigo amiga trabajo escuela libro coche
    tren mar montaña sol luna estrella perro gato pájaro árbol flor verde rojo azul amarillo blanco negro grande pequeño
    nuevo viejo joven bonito feo rápido despacio siempre nunca gracias perdón día noche mañana tarde semana mes año por qué
    cuándo dónde cómo muy poco con sin para`,
  ru: `это мой дом где ты идёшь сегодня завтра вчера очень хорошо плохо человек женщина мужчина ребёнок работа школа книга
    вода хлеб молоко машина город деревня река гора море солнце луна звезда собака кошка птица дерево цветок зелёный
    красный синий жёлтый белый чёрный большой маленький новый старый молодой красивый быстро медленно всегда никогда
    спасибо пожалуйста извините день ночь утро вечер неделя месяц год`,
  lv: `šī ir mana māja kur tu ej šodien rīt vakar ļoti labi slikti cilvēks sieviete vīrietis bērns darbs skola grāmata ūdens
    maize piens mašīna pilsēta ciems upe kalns jūra saule mēness zvaigzne suns kaķis putns koks zieds zaļš sarkans zils
    dzeltens balts melns liels mazs jauns vecs skaists ātri lēni vienmēr nekad bieži reti paldies lūdzu atvainojiet diena
    nakts rīts vakars nedēļa mēnesis gads`,
  zh: `我们 你们 他们 今天 明天 昨天 非常 好 不好 朋友 工作 学校 书 水 面包 牛奶 汽车 城市 农村 河 山 海 太阳 月亮 星星 狗 猫
    鸟 树 花 绿色 红色 蓝色 黄色 白色 黑色 大 小 新 旧 年轻 漂亮 快 慢 总是 从不 经常 谢谢 请 对不起 白天 晚上 早上 星期 月
    年 为什么 什么时候 哪里 怎么 社区 帖子 评论 账号 管理员 举报 回复 可能性 性格 生日 妈妈的书 处女座 靠背 成人教育`,
  ja: `私 あなた 彼 今日 明日 昨日 とても 良い 悪い 友達 仕事 学校 本 水 パン 牛乳 車 町 村 川 山 海 太陽 月 星 犬 猫 鳥 木 花
    緑 赤 青 黄色 白 黒 大きい 小さい 新しい 古い 若い 綺麗 速い 遅い いつも 決して ありがとう お願いします すみません 昼 夜
    朝 週 年 なぜ いつ どこ どう コミュニティ 投稿 コメント グローバル なめらか`,
};
const SPACED = new Set(["en", "pl", "it", "de", "fr", "es", "ru", "lv"]);
const PUNCTUATION = [".", ",", "!", "?", "...", ";", ":", " -", ""];

/** Ways to hide a word from a plain matcher: what a determined author types. */
const DISGUISES: [name: string, apply: (w: string, r: () => number) => string][] = [
  ["digits", (w) => w.replace(/o/g, "0").replace(/i/g, "1").replace(/e/g, "3").replace(/a/g, "4").replace(/s/g, "5")],
  ["symbols", (w) => w.replace(/a/g, "@").replace(/s/g, "$")],
  ["zero-width", (w) => [...w].join("\u200b")],
  ["fullwidth", (w) => [...w].map((c) => (/[a-z]/i.test(c) ? String.fromCharCode(c.charCodeAt(0) + 0xfee0) : c)).join("")],
  ["accents", (w) => w.replace(/u/g, "ü").replace(/a/g, "á").replace(/e/g, "ê").replace(/o/g, "ö")],
  ["spaced", (w) => [...w].join(" ")],
  ["stretched", (w) => w.replace(/([aeiou])/, "$1$1$1$1")],
  ["cyrillic look-alikes", (w) => w.replace(/a/g, "а").replace(/e/g, "е").replace(/o/g, "о").replace(/c/g, "с")],
];

export function buildCorpus(size: number, seed = 20261122): CorpusMessage[] {
  const random = seededRandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];
  const vocab = Object.fromEntries(Object.entries(ORDINARY).map(([k, v]) => [k, v.trim().split(/\s+/)]));
  const english = new Filter().list;
  const plainEnglish = english.filter((w) => /^[a-z]+$/i.test(w) && w.length >= 4);
  const listed = (lang: string) => naughtyWords[lang] ?? [];

  const sentence = (lang: string, words: number, insert?: string) => {
    const out: string[] = [];
    for (let i = 0; i < words; i++) out.push(pick(vocab[lang]));
    if (insert !== undefined) out.splice(Math.floor(random() * (out.length + 1)), 0, insert);
    const joiner = SPACED.has(lang) ? " " : random() < 0.5 ? "" : " ";
    let text = out.join(joiner) + pick(PUNCTUATION);
    if (SPACED.has(lang)) text = text[0].toUpperCase() + text.slice(1);
    return text;
  };
  const casing = (w: string) => {
    const r = random();
    return r < 0.5 ? w : r < 0.7 ? w.toUpperCase() : r < 0.9 ? w[0].toUpperCase() + w.slice(1) : w.toLowerCase();
  };
  // Neighbours that decide whether bad-words' \b sees a word edge.
  const edges = ["", "", "", "\"", "(", "'", "_", "é", "-", "1", "*", "ß", "—", "🙂", "\n"];
  const withEdges = (w: string) => pick(edges) + w + pick(edges);
  const length = () => 4 + Math.floor(random() * 30);

  const kinds: [kind: string, weight: number, make: () => CorpusMessage][] = [
    ["en clean", 26, () => ({ text: sentence("en", length()), language: pick(["en", null]), kind: "en clean" })],
    ["en listed", 22, () => ({ text: sentence("en", length(), withEdges(casing(pick(english)))), language: pick(["en", null]), kind: "en listed" })],
    [
      "en disguised",
      6,
      () => {
        const [name, apply] = pick(DISGUISES);
        return { text: sentence("en", length(), apply(pick(plainEnglish).toLowerCase(), random)), language: pick(["en", null]), kind: `en disguised (${name})` };
      },
    ],
  ];
  for (const [lang, weight] of [["pl", 9], ["it", 8], ["de", 7], ["fr", 4], ["es", 4], ["ru", 3], ["zh", 6], ["ja", 3]] as const) {
    kinds.push([`${lang} clean`, weight / 2, () => ({ text: sentence(lang, length()), language: pick([lang, lang, null]), kind: `${lang} clean` })]);
    kinds.push([
      `${lang} listed`,
      weight / 2,
      () => ({ text: sentence(lang, length(), casing(pick(listed(lang)))), language: pick([lang, lang, null]), kind: `${lang} listed` }),
    ]);
  }
  // Latvian has no list: clean text, and text quoting English abuse.
  kinds.push(["lv clean", 3, () => ({ text: sentence("lv", length()), language: pick(["lv", null]), kind: "lv clean" })]);
  kinds.push(["lv with English", 1, () => ({ text: sentence("lv", length(), pick(plainEnglish)), language: pick(["lv", null]), kind: "lv with English" })]);

  const total = kinds.reduce((s, [, w]) => s + w, 0);
  const corpus: CorpusMessage[] = [];
  for (let i = 0; i < size; i++) {
    let r = random() * total;
    const [, , make] = kinds.find(([, w]) => (r -= w) < 0) ?? kinds[0];
    corpus.push(make());
  }
  return corpus;
}
