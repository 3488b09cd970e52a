/**
 * Words of out-of-office and autoresponder messages, written `fold`ed (lower case, no
 * diacritics). Languages: en, de, fr, es, pt, it, nl, plus a few more seen in practice
 * (pl, lv, sv, da/no, fi, cs, tr, ru, ja, zh).
 */

/** Phrases that only a machine puts in a subject: "Automatic reply", "Abwesenheitsnotiz", … */
export const SUBJECT_AUTO = [
  'automatic reply',
  'automatic response',
  'auto reply',
  'auto-reply',
  'autoreply',
  'auto response',
  'auto-response',
  'autoresponse',
  'autorespond',
  'auto respons',
  'automated response',
  'automated reply',
  'automatische antwort',
  'automatische abwesenheitsnotiz',
  'abwesenheitsnotiz',
  'abwesenheitsmeldung',
  'reponse automatique',
  'reponse auto',
  "message d'absence",
  'respuesta automatica',
  'respuesta de ausencia',
  'resposta automatica',
  'resposta de ausencia',
  'risposta automatica',
  'risposta di assenza',
  'automatisch antwoord',
  'automatisch bericht',
  'afwezigheidsbericht',
  'automatyczna odpowiedz',
  'automatiska atbilde',
  'automatiskt svar',
  'automatisk svar',
  'automatisk besked',
  'automaattinen vastaus',
  'automaticka odpoved',
  'otomatik yanit',
  'автоматический ответ',
  '自动回复',
  '自動回覆',
  '自動応答',
  '自動返信',
];

/**
 * Phrases of absence that a person rarely uses as a whole subject: decisive as a prefix
 * ("Out of Office: …") or as the whole subject ("Fuori ufficio").
 */
export const SUBJECT_AWAY_STRONG = [
  'out of office',
  'out of the office',
  'out-of-office',
  'ooo',
  'oof',
  'away from the office',
  'away from office',
  'away from my desk',
  'abwesend',
  'nicht im buro',
  'absence du bureau',
  'absent du bureau',
  'hors du bureau',
  'fuera de la oficina',
  'fuera de oficina',
  'fora do escritorio',
  "fuori dall'ufficio",
  'fuori ufficio',
  'fuori sede',
  'afwezig',
  'niet aanwezig',
  'niet op kantoor',
  'buiten kantoor',
  'nieobecnosc',
  'poza biurem',
  'arpus biroja',
  'mimo kancelar',
  'не в офисе',
  '不在',
];

/**
 * Words of absence that a person may use as a subject ("Vacation", "Urlaub"): decisive only
 * as a prefix with a separator ("Urlaub: Re: …"); otherwise one point.
 */
export const SUBJECT_AWAY_WEAK = [
  'on vacation',
  'vacation',
  'on holiday',
  'holiday',
  'on leave',
  'annual leave',
  'away',
  'absent',
  'absence',
  'abwesenheit',
  'urlaub',
  'absente',
  'en conge',
  'en conges',
  'vacances',
  'ausente',
  'ausencia',
  'de vacaciones',
  'vacaciones',
  'ferias',
  'de ferias',
  'assente',
  'assenza',
  'in ferie',
  'ferie',
  'afwezigheid',
  'met vakantie',
  'vakantie',
  'atvalinajums',
  'fraværende',
  'frånvarande',
  'poissa',
];

export const SUBJECT_AWAY = [...SUBJECT_AWAY_STRONG, ...SUBJECT_AWAY_WEAK];

/** Subjects of autoresponder acknowledgements ("Thank you for your e-mail"). */
export const SUBJECT_ACK =
  /^(?:thank you|thanks) for (?:your|contacting)\b|^(?:we have |we've )?received your (?:e-?mail|message|request)|^your (?:e-?mail|message|request) (?:has been|was) received|^(?:vielen )?dank fur ihre (?:e-?mail|nachricht)|^merci pour votre (?:e-?mail|message)|^gracias por su (?:correo|mensaje)|^obrigad[oa] pel[oa] (?:seu )?(?:e-?mail|mensagem)|^grazie per (?:la sua|il suo) (?:e-?mail|messaggio)|^bedankt voor (?:uw|je) (?:e-?mail|bericht)/;

/**
 * Phrases of an out-of-office body, in the present or future tense so that a person writing
 * "I was out of office last week" does not match. Each entry is one "group": two different
 * groups in a short unquoted message are strong evidence.
 */
export const BODY_GROUPS: { name: string; re: RegExp }[] = [
  {
    name: 'automatic-notice',
    re: /\bthis is an? (?:automatic|automated|auto-generated|automatically generated) (?:reply|response|message|e-?mail|notification)|\b(?:dies ist eine|das ist eine) automatische (?:antwort|nachricht)|\bceci est une reponse automatique|\b(?:este es un|esta es una) (?:mensaje|respuesta) automatic[oa]|\b(?:esta e uma|este e um|esta é uma) (?:mensagem|resposta) automatica|\bquesta e una risposta automatica|\bdit is een automatisch (?:antwoord|bericht|gegenereerd)/,
  },
  {
    name: 'out-of-office',
    re: /\b(?:i am|i'm|i will be|i'll be|i shall be|am currently|i am currently|i'm currently|i'm now|i am now)\s+(?:currently\s+|now\s+)?(?:out of (?:the )?office|ooo|away(?: from (?:the |my )?(?:office|desk|e-?mail))?|on (?:annual |parental |maternity |paternity |sick |business )?(?:leave|vacation|holiday|holidays|a business trip)|travell?ing|not in the office|unavailable|off (?:work|sick)|out (?:of town|sick))|\bich bin (?:derzeit |zurzeit |momentan |aktuell |bis .{1,40} )?(?:nicht (?:im (?:buro|haus)|erreichbar|verfugbar)|abwesend|im urlaub|auf (?:geschafts)?reise|in elternzeit)|\b(?:je suis|je serai) (?:actuellement )?(?:absente?|en conges?|en vacances|hors du bureau|en deplacement|indisponible)|\b(?:estoy|estare) (?:actualmente )?(?:fuera de la oficina|fuera|ausente|de vacaciones|de viaje|de baja)|\b(?:estou|estarei) (?:atualmente |actualmente )?(?:fora do escritorio|fora|ausente|de ferias|em ferias|de licenca)|\b(?:sono|saro) (?:attualmente )?(?:fuori (?:ufficio|sede)|assente|in ferie|in viaggio)|\bik ben (?:momenteel |op dit moment |tot .{1,40} )?(?:afwezig|niet (?:op kantoor|aanwezig|bereikbaar)|met vakantie|op vakantie|met verlof)/,
  },
  {
    name: 'returning',
    re: /\b(?:i will|i'll|i shall) (?:be )?(?:back|return|returning)\b|\bwill be back (?:in the office )?on\b|\bupon my return\b|\bon my return\b|\bwhen i (?:return|get back|am back)\b|\b(?:ab (?:dem|\d)|ab .{1,30} (?:bin ich )?wieder)|\bbin ich (?:ab .{1,30} )?wieder\b|\bnach meiner ruckkehr\b|\b(?:je serai de retour|de retour le|a mon retour|des mon retour)\b|\b(?:regresare|volvere|estare de vuelta|a mi regreso|a mi vuelta)\b|\b(?:retornarei|voltarei|estarei de volta|no meu regresso|no meu retorno|quando eu voltar|ao meu regresso)\b|\b(?:rientrero|tornero|saro di ritorno|al mio rientro|al mio ritorno)\b|\b(?:ik ben (?:weer|terug)|ben ik (?:weer|terug)|na mijn terugkeer|bij terugkomst)\b/,
  },
  {
    name: 'limited-access',
    re: /\blimited (?:access to|ability to (?:check|read)) (?:my )?(?:e-?mail|email|messages)|\bno access to (?:my )?e-?mail|\bwithout access to (?:my )?e-?mail|\b(?:eingeschrankte|keinen) zugriff auf (?:meine )?e-?mails?|\bacces (?:limite|restreint) a (?:mes )?(?:e-?mails|courriels|messagerie)|\bacceso limitado (?:al|a mi) correo|\bacesso limitado (?:ao|ao meu) e-?mail|\baccesso limitato (?:alla|alle) (?:posta|e-?mail)|\bbeperkte toegang tot (?:mijn )?e-?mail/,
  },
  {
    name: 'urgent-contact',
    re: /\bfor (?:urgent|immediate) (?:matters|issues|questions|requests|assistance|inquiries)|\bif (?:your (?:matter|request|enquiry|inquiry) is|it is|this is) urgent|\bin (?:my|the meantime|case of urgency)\b.{0,40}\bcontact\b|\bin dringenden fallen|\bbei dringenden (?:anliegen|fragen|angelegenheiten)|\bpour toute (?:urgence|demande urgente)|\ben cas d'urgence|\bpara (?:asuntos|temas|cualquier asunto) urgentes?|\ben caso de urgencia|\bpara assuntos urgentes|\bem caso de urgencia|\bper (?:questioni|richieste|comunicazioni) urgenti|\bin caso di urgenza|\bvoor dringende (?:zaken|vragen)|\bin dringende gevallen/,
  },
  {
    name: 'reply-later',
    re: /\bi will (?:respond|reply|get back to you|answer)(?: to (?:your|you))?.{0,30}\b(?:when|upon|as soon as|after)\b|\bwill (?:respond|reply) (?:to your (?:e-?mail|message) )?(?:as soon as possible|on my return|upon my return)|\b(?:ich werde|werde ich) (?:ihre (?:e-?mail|nachricht) )?(?:nach meiner ruckkehr|so bald wie moglich|schnellstmoglich) (?:beantworten|bearbeiten)|\bje (?:vous )?repondrai (?:a votre (?:message|e-?mail|courriel) )?(?:des|a) mon retour|\bresponder(?:e|ei) (?:a su|o seu)? ?(?:mensaje|correo|mensagem|e-?mail)? ?(?:a mi|ao meu|no meu) (?:regreso|retorno|vuelta)|\brispondero (?:al (?:piu )?presto|al mio rientro)|\bzal (?:uw|je) (?:e-?mail|bericht) (?:na|bij) (?:mijn )?terugkeer/,
  },
];
