/**
 * A small statistical guesser for undeclared legacy encodings (the job Python's `chardet` does for feedparser).
 * Each candidate decoding is scored by how much its non-ASCII text looks like running text in that encoding's
 * script: multi-byte CJK encodings by their share of kana / hangul / very frequent hanzi, single-byte encodings by
 * their share of letters of the expected script and, for Cyrillic, by letter frequency (KOI8-R and windows-1251
 * both decode to Cyrillic letters; Russian text is mostly lower-case and rich in о/е/а/и/н/т).
 */

/** Candidates in tie-break order. Labels are the ones chardet reports (the conformance model's convention). */
const MULTI_BYTE = ['euc-jp', 'shift_jis', 'gb2312', 'big5', 'euc-kr'] as const;
const SINGLE_BYTE = [
  'koi8-r', 'windows-1251', 'iso-8859-5', 'ibm866', 'windows-1255', 'tis-620', 'iso-8859-7', 'windows-1253', 'windows-1256',
  'iso-8859-2', 'windows-1252',
] as const;

/** The most frequent hanzi in simplified and traditional Chinese running text (a common top-frequency list). */
const FREQUENT_HANZI = new Set(
  '的一是不了在人有我他这个们中来上大为和国地到以说时要就出会可也你对生能而子那得于着下自之年过发后作里用道行所然家种事成方多经么去法学如都同现当没动面起看定天分还进好小部其些主样理心她本前开但因只从想实日军者意无力它与长把机十民第公此已工使情明性知全三又关点正业外将两高间由问很最重并物手应战向头文体政美相见被利什二等产或新己制身果加西斯月话合回特代内信表化老给世位次度门任常先海通教儿原东声提立及比员解水名真论处走义各入几口认条平系气题活尔更别打女变四神总何电数安少报才结反受目太量再感建务做接必场件计管期市直德资命山金指克许统区保至队形社便空决治展马科司五基眼书非则听白却界达光放强即像难且权思王象完设式色路记南品住告类求据程北边死张该交规万取拉格望觉术领共确传师观清今切院让识候带导争运笑飞风步改收根干造言联持组每济车亲极林服快办议往元英士证近失转夫令准布始怎呢存未远叫台单影具罗字爱击流备兵连调深商算质团集百需价花党华城石级整府离况亚请技际约示复病息究线似官火断精满支视消越器容照须九增研写称企八功吗包片史委乎查轻易早曾除农找装广显吧阿李标谈吃图念六引历首医局突专费号尽另周较注语仅考落青随选列武红响虽推势参希古众构房半节土投某案黑维革划敌致陈律足态护七兴派孩验责营星够章音跟志底站严巴例防族供效续施留讲型料终答紧黄绝奇察母京段依批群项故按河米围江织害斗双境客纪采举杀攻父苏密低朝友诉止细愿千值仍男钱破网热助倒育属坐帝限船脸职速刻乐否刚威毛状率甚独球般普怕弹校苦创假久错承印晚兰试股拿脑预谁益阳若哪微尼继送急血惊伤素药适波夜省初喜卫源食险待述陆习置居劳财环排福纳欢雷警获模充负云停木游龙树疑层冷洲冲射略范竟句室异激汉村哈策演简卡罪判担州静退既衣您宗积余痛检差富灵协角占配征修皮挥胜降阶审沉坚善妈刘读啊超免压银买皇养伊怀执副乱抗犯追帮宣佛岁航优怪香著田铁控税左右份穿艺背阵草脚概恶块顿敢守酒岛托央户烈洋哥索胡款靠评版宝座释景顾弟登货互付伯慢欧换闻危忙核暗姐介坏讨丽良序升监临亮露永呼味野架域沙掉括舰鱼杂误湖钟奖尚硬胸扬恩纸赶讯烟剧仿诗织脱劝遇赛庭距' +
    '們這個來時國會說對學過後裡經還現動樣長機與實發開問間點業種從兩當關無將麼體見進將還為於書車軍東門聽話語讓記議該類紅員電義頭讀寫買賣錢題應師號愛'
);

interface Candidate {
  label: string;
  score: number;
}

function decodeOrNull(bytes: Uint8Array, label: string): string | null {
  try {
    return new TextDecoder(label === 'gb2312' ? 'gb18030' : label, { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

function scoreCjk(text: string, label: string): number {
  let nonAscii = 0;
  let kana = 0;
  let hangul = 0;
  let frequent = 0;
  let han = 0;
  let odd = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80) continue;
    nonAscii++;
    if (cp >= 0x3040 && cp <= 0x30ff) kana++;
    else if (cp >= 0xac00 && cp <= 0xd7a3) hangul++;
    else if (cp >= 0x4e00 && cp <= 0x9fff) {
      han++;
      if (FREQUENT_HANZI.has(ch)) frequent++;
    } else if (!(cp >= 0x3000 && cp <= 0x303f) && !(cp >= 0xff00 && cp <= 0xffef)) odd++;
  }
  if (nonAscii === 0) return 0;
  const n = nonAscii;
  switch (label) {
    case 'euc-jp':
    case 'shift_jis':
      return (kana * 2 + han * 0.5 - odd * 2) / n + (kana / n > 0.15 ? 1 : 0);
    case 'euc-kr':
      return (hangul * 2 - odd * 2) / n;
    default: // gb2312, big5
      return (frequent * 3 + han * 0.5 - kana * 2 - odd * 2) / n;
  }
}

const LATIN1_PUNCTUATION = new Set('\u00a0«»¡¿°£€©®‘’“”–—…•·§');
const CYRILLIC_FREQUENT = new Set('оеаинтсрвлкмдпуяы');
/** Letters rare in Russian running text (each under ~1%); other scripts decoded as Cyrillic are full of them. */
const CYRILLIC_RARE = new Set('ъщфцэюжхйшё');

/**
 * Scores a single-byte decoding. Markup is stripped first so tag names (ASCII) don't drown the text. A script's
 * score is its share of non-ASCII characters that are letters of that script, times how plausible the letters are
 * (Cyrillic: frequent vs. rare Russian letters, lower-case share), times how dominant non-ASCII letters are
 * (a Latin text has a few accented letters among ASCII words; Cyrillic, Hebrew, Thai… the reverse).
 */
function scoreSingleByte(decoded: string, label: string): number {
  const text = decoded.replace(/<[^>]*>/g, ' ');
  let nonAscii = 0;
  let inScript = 0;
  let lower = 0;
  let frequent = 0;
  let rare = 0;
  let asciiLetters = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80) {
      if ((cp >= 65 && cp <= 90) || (cp >= 97 && cp <= 122)) asciiLetters++;
      continue;
    }
    nonAscii++;
    switch (label) {
      case 'koi8-r':
      case 'windows-1251':
      case 'iso-8859-5':
      case 'ibm866':
        if (cp >= 0x400 && cp <= 0x4ff) {
          inScript++;
          const lc = ch.toLowerCase();
          if (lc === ch) lower++;
          if (CYRILLIC_FREQUENT.has(lc)) frequent++;
          else if (CYRILLIC_RARE.has(lc)) rare++;
        }
        break;
      case 'windows-1255':
        if (cp >= 0x5d0 && cp <= 0x5ea) inScript++;
        break;
      case 'tis-620':
        if (cp >= 0xe01 && cp <= 0xe2e) inScript++;
        else if (cp >= 0xe30 && cp <= 0xe4e) inScript += 0.7;
        break;
      case 'iso-8859-7': // Greek letters sit at the same bytes in both; chardet names the ISO one on a tie
      case 'windows-1253':
        if (cp >= 0x386 && cp <= 0x3ce) inScript++;
        break;
      case 'windows-1256':
        if (cp >= 0x621 && cp <= 0x64a) inScript++;
        break;
      case 'windows-1252': // Western Latin: accented letters, plus the typographic punctuation it is used for
        if (/\p{L}/u.test(ch) || LATIN1_PUNCTUATION.has(ch)) inScript++;
        break;
      default: // Central European Latin
        if (/\p{L}/u.test(ch)) inScript++;
    }
  }
  if (nonAscii === 0) return 0;
  const base = inScript / nonAscii;
  const foreignShare = nonAscii / (nonAscii + asciiLetters);
  if (label === 'windows-1252' || label === 'iso-8859-2') {
    // windows-1252 is by far the likelier Latin charset; ISO-8859-2 must explain the bytes clearly better.
    return base * (foreignShare < 0.3 ? 0.95 : 0.3) * (label === 'iso-8859-2' ? 0.75 : 1);
  }
  const dominance = Math.min(1, foreignShare / 0.3);
  if (label === 'koi8-r' || label === 'windows-1251' || label === 'iso-8859-5' || label === 'ibm866') {
    const n = Math.max(1, inScript);
    const plausibility = Math.max(0, Math.min(1, (frequent / n) * 1.2 - (rare / n) * 2));
    // The rarer Cyrillic code pages must explain the bytes clearly better to win.
    const prior = label === 'iso-8859-5' || label === 'ibm866' ? 0.95 : 1;
    return base * dominance * plausibility * (0.5 + 0.5 * (lower / n)) * prior;
  }
  return base * dominance * 0.9;
}

/**
 * Guesses the legacy encoding of bytes that are not valid UTF-8 and declare none.
 *
 * @returns a lower-case label (e.g. "euc-jp", "koi8-r", "windows-1255"), or null when there is nothing to go on
 *   (pure ASCII).
 */
export function guessEncoding(bytes: Uint8Array): string | null {
  // Score a bounded sample: enough text to decide, bounded work on huge documents.
  const sample = bytes.length > 65536 ? bytes.subarray(0, 65536) : bytes;
  let highBytes = 0;
  for (let k = 0; k < sample.length; k++) if (sample[k]! >= 0x80) highBytes++;
  if (highBytes === 0) return null;
  let best: Candidate | null = null;
  const consider = (label: string, score: number): void => {
    if (best === null || score > best.score) best = { label, score };
  };
  for (const label of MULTI_BYTE) {
    let text = decodeOrNull(sample, label);
    if (text === null && sample !== bytes) {
      // The cut may split a character: retry a few bytes shorter.
      for (let cut = 1; cut < 4 && text === null; cut++) text = decodeOrNull(sample.subarray(0, sample.length - cut), label);
    }
    if (text !== null) consider(label, scoreCjk(text, label));
  }
  for (const label of SINGLE_BYTE) {
    const text = decodeOrNull(sample, label);
    if (text !== null) consider(label, scoreSingleByte(text, label));
  }
  const chosen = best as Candidate | null;
  return chosen === null || chosen.score <= 0 ? null : chosen.label;
}
