/**
 * Month names and return-context words for `extractReturnDate`, `fold`ed (lower case, no
 * diacritics). Languages: en, de, fr, es, pt, it, nl.
 */
export type Lang = 'en' | 'de' | 'fr' | 'es' | 'pt' | 'it' | 'nl';

/** Month number by name or abbreviation. Abbreviations that are also common words need a dot. */
export const MONTHS: Record<string, number> = {};
const add = (month: number, ...names: string[]) => {
  for (const n of names) MONTHS[n] = month;
};
add(
  1,
  'january',
  'jan',
  'januar',
  'janner',
  'jaenner',
  'janvier',
  'janv',
  'enero',
  'ene',
  'janeiro',
  'gennaio',
  'gen',
  'januari',
);
add(
  2,
  'february',
  'feb',
  'febr',
  'februar',
  'feber',
  'fevrier',
  'fevr',
  'fev',
  'febrero',
  'fevereiro',
  'febbraio',
  'februari',
);
add(3, 'march', 'mar', 'marz', 'maerz', 'mrz', 'mars', 'marzo', 'marco', 'maart', 'mrt');
add(4, 'april', 'apr', 'avril', 'avr', 'abril', 'abr', 'aprile');
add(5, 'may', 'mai', 'mayo', 'maio', 'maggio', 'mag', 'mei');
add(6, 'june', 'jun', 'juni', 'juin', 'junio', 'junho', 'giugno', 'giu');
add(7, 'july', 'jul', 'juli', 'juillet', 'juil', 'julio', 'julho', 'luglio', 'lug');
add(8, 'august', 'aug', 'aout', 'agosto', 'ago', 'augustus');
add(9, 'september', 'sep', 'sept', 'septembre', 'septiembre', 'setiembre', 'setembro', 'settembre', 'set');
add(10, 'october', 'oct', 'oktober', 'okt', 'octobre', 'octubre', 'outubro', 'out', 'ottobre', 'ott');
add(11, 'november', 'nov', 'novembre', 'noviembre', 'novembro');
add(12, 'december', 'dec', 'dezember', 'dez', 'decembre', 'diciembre', 'dic', 'dezembro', 'dicembre');

/** Abbreviations that are ordinary words too ("7 out of 10", "2 days ago"): only with a dot. */
export const NEEDS_DOT = new Set(['out', 'set', 'ago', 'mag', 'gen', 'mar']);

export interface ContextWord {
  re: string; // regex source, folded
  lang: Lang;
  /** 3: says "back/return"; 2: "until" or the end of a range; 1: "from (this date on)", needs a confirming word after the date. */
  weight: number;
}

/** Words that come before the date: "back on", "until", "bis zum", "de retour le", … */
export const BEFORE: ContextWord[] = [
  {
    re: String.raw`\b(?:back|return|returning|returns|be in the office|in the office|available again|resume)\b(?:\s+(?:to (?:the )?(?:office|work)|in (?:the )?office|at (?:my )?desk))?(?:\s+(?:on|from|by|after))?(?:\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|sat|sun),?)?(?:\s+the)?`,
    lang: 'en',
    weight: 3,
  },
  {
    re: String.raw`\b(?:until|till|til|through|thru|up to)\b(?:\s+(?:and including|including))?(?:\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|sat|sun),?)?(?:\s+the)?`,
    lang: 'en',
    weight: 2,
  },
  { re: String.raw`\b(?:from|between)\s+[^\n]{1,30}?\s(?:to|and|-|–)`, lang: 'en', weight: 2 },
  {
    re: String.raw`\b(?:zuruck|wieder(?: da| im (?:buro|haus|einsatz)| erreichbar| verfugbar)?|ruckkehr)\b`,
    lang: 'de',
    weight: 3,
  },
  {
    re: String.raw`\b(?:ab|am)(?: (?:montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag),?)?(?: dem| den)?`,
    lang: 'de',
    weight: 1,
  },
  {
    re: String.raw`\b(?:bis(?: (?:einschliesslich|einschl\.?|inkl\.?|zum|zur|am))*(?: (?:montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag),?(?: de[nm])?)?)`,
    lang: 'de',
    weight: 2,
  },
  {
    re: String.raw`\b(?:de retour|retour|reviendrai|rentre|rentrerai)\b(?:\s+(?:au bureau|le|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche))*`,
    lang: 'fr',
    weight: 3,
  },
  { re: String.raw`\b(?:a partir du|a compter du|des le)\b`, lang: 'fr', weight: 1 },
  {
    re: String.raw`\b(?:jusqu'?\s?(?:au|a|a la)|jusqu au)\b(?:\s+(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche))?`,
    lang: 'fr',
    weight: 2,
  },
  { re: String.raw`\bdu\s+[^\n]{1,30}?\s(?:au)`, lang: 'fr', weight: 2 },
  {
    re: String.raw`\b(?:regreso|regresare|de vuelta|vuelta|volvere|reincorporo|reincorporare)\b(?:\s+(?:a la oficina|el|lunes|martes|miercoles|jueves|viernes|sabado|domingo))*`,
    lang: 'es',
    weight: 3,
  },
  { re: String.raw`\b(?:a partir del?|desde el)\b`, lang: 'es', weight: 1 },
  {
    re: String.raw`\bhasta\b(?:\s+(?:el|lunes|martes|miercoles|jueves|viernes|sabado|domingo))*`,
    lang: 'es',
    weight: 2,
  },
  { re: String.raw`\bdel?\s+[^\n]{1,30}?\s(?:al)`, lang: 'es', weight: 2 },
  { re: String.raw`\bdal\s+[^\n]{1,30}?\s(?:al)`, lang: 'it', weight: 2 },
  { re: String.raw`\bde\s+[^\n]{1,30}?\s(?:a)`, lang: 'pt', weight: 2 },
  { re: String.raw`\bvom\s+[^\n]{1,30}?\s(?:bis)`, lang: 'de', weight: 2 },
  { re: String.raw`\bvan\s+[^\n]{1,30}?\s(?:tot)`, lang: 'nl', weight: 2 },
  {
    re: String.raw`\b(?:volta|voltarei|de volta|regresso|regressarei|retorno|retornarei)\b(?:\s+(?:ao escritorio|em|no dia|dia|segunda|terca|quarta|quinta|sexta|sabado|domingo)(?:-feira)?)*`,
    lang: 'pt',
    weight: 3,
  },
  { re: String.raw`\b(?:a partir de|a partir do dia|a partir da)\b`, lang: 'pt', weight: 1 },
  {
    re: String.raw`\bate\b(?:\s+(?:o dia|dia|a|segunda|terca|quarta|quinta|sexta|sabado|domingo)(?:-feira)?)*`,
    lang: 'pt',
    weight: 2,
  },
  {
    re: String.raw`\b(?:rientro|rientrero|rientrare|ritorno|tornero|di ritorno)\b(?:\s+(?:in ufficio|il|lunedi|martedi|mercoledi|giovedi|venerdi|sabato|domenica))*`,
    lang: 'it',
    weight: 3,
  },
  { re: String.raw`\ba partire da(?:l|ll')?`, lang: 'it', weight: 1 },
  {
    re: String.raw`\b(?:fino (?:al|a|all')|sino (?:al|a)|fino a (?:lunedi|martedi|mercoledi|giovedi|venerdi|sabato|domenica))\b(?:\s+(?:lunedi|martedi|mercoledi|giovedi|venerdi|sabato|domenica))?`,
    lang: 'it',
    weight: 2,
  },
  {
    re: String.raw`\b(?:terug|weer|weer aanwezig|weer op kantoor)\b(?:\s+(?:op|op kantoor|maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag))*`,
    lang: 'nl',
    weight: 3,
  },
  { re: String.raw`\bvanaf\b`, lang: 'nl', weight: 1 },
  {
    re: String.raw`\b(?:tot en met|t\/m|tot|tm)\b(?:\s+(?:maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag))?`,
    lang: 'nl',
    weight: 2,
  },
];

/** Words that follow the date: "am 7.12. wieder im Büro", "7 december ben ik terug". */
export const AFTER: ContextWord[] = [
  {
    re: String.raw`^\W{0,3}(?:i(?:'m| am| will be| shall be|'ll be) back|back in the office)\b`,
    lang: 'en',
    weight: 3,
  },
  {
    re: String.raw`^\W{0,3}(?:(?:bin ich|ich bin|ist er|ist sie)\s+)?(?:(?:gerne|ab|dann|wieder|zuruck|ab diesem tag)\s+){0,3}(?:wieder|zuruck)\b`,
    lang: 'de',
    weight: 3,
  },
  { re: String.raw`^\W{0,3}(?:je (?:serai|suis) )?de retour\b`, lang: 'fr', weight: 3 },
  { re: String.raw`^\W{0,3}(?:(?:ben ik|ik ben)\s+)?(?:weer|terug)\b`, lang: 'nl', weight: 3 },
  { re: String.raw`^\W{0,3}(?:estare de vuelta|regreso|vuelvo)\b`, lang: 'es', weight: 3 },
  { re: String.raw`^\W{0,3}(?:estarei de volta|volto|regresso)\b`, lang: 'pt', weight: 3 },
  { re: String.raw`^\W{0,3}(?:saro di ritorno|rientro|torno)\b`, lang: 'it', weight: 3 },
];
