/**
 * What a delivery failure means (`BounceReason`), from the remote server's words and the
 * RFC 3463 status code. The hard/soft policy (`status.ts`, README "Hard or soft") is decided
 * by the meaning first and by the status class only when the words say nothing specific.
 *
 * Phrases are matched on `fold`ed text. They come from the MTAs' and providers' documented
 * replies (Postfix, Exim, Sendmail, qmail, Exchange/Office 365, Gmail, Yahoo, Orange, NTT
 * Docomo, au/KDDI) and the reason tables of other bounce parsers (sisimai's `reason/*`,
 * BounceParser's `std_reason`), rewritten as our own patterns.
 */
import { literal } from './bounce-lexicon';
import type { BounceReason } from './types';

const TRANSIENT_DNS = /try again|temporar|servfail|timed? ?out|timeout/;

/** In the order they are tried: a full mailbox's "mailbox size limit" is not a message size limit. */
const REASON_PATTERNS: [BounceReason, RegExp][] = [
  [
    'mailbox_full',
    new RegExp(
      [
        String.raw`mail ?box (?:is |was )?(?:full|over ?quota)|full mail ?box|mailfolder is full|inbox is full`,
        String.raw`over ?quota|quota (?:exceeded|exceed|violation|full|reached)|(?:exceed(?:s|ed)?|over) (?:his|her|their|its|the|user'?s?|allowed|mailbox|storage|disk)? ?(?:quota|storage|disk space)`,
        String.raw`exceeded storage allocation|insufficient (?:disk |storage |system )?(?:space|storage)|not enough (?:storage|space|disk space)|no space left`,
        String.raw`mail ?box size limit|mail ?box (?:exceeds|would exceed|has exceeded)|user has too many messages|too much mail data|space has been used up|disk quota`,
        String.raw`number of messages in recipient's mailbox exceeded|mailbox (?:capacity|storage) (?:exceeded|limit)`,
        String.raw`boite (?:du destinataire |aux lettres |mail )?(?:est )?pleine|depassement de quota`,
        String.raw`(?:postfach|mailbox) (?:ist )?(?:voll|uberfullt)|speicher(?:platz|volumen|grenze) (?:uberschritten|erschopft|erreicht)|zu ?viele (?:e-?)?mails`,
        String.raw`buzon (?:lleno|completo|esta lleno|excede)|cuota (?:excedida|superada)|casella (?:di posta )?(?:piena|e piena)|quota superata`,
        String.raw`caixa (?:postal |de correio |de entrada )?(?:cheia|lotada|esta cheia)|cota excedida|mailbox (?:is )?vol\b|brevladan (?:ar )?full|postkassen er fuld|skrzynka (?:odbiorcza )?(?:jest )?pelna`,
        literal([
          'переполнен',
          'メールボックスがいっぱい',
          '容量超過',
          '容量を超え',
          '容量オーバー',
          '容量が不足',
          '信箱已满',
          '邮箱已满',
          '邮箱空间不足',
          '信箱滿了',
        ]),
      ].join('|'),
    ),
  ],
  [
    'message_too_large',
    new RegExp(
      [
        String.raw`message (?:is )?too (?:large|big)|message (?:file )?too big|too large for this|(?:message|mail) size (?:exceeds|exceeded|limit)`,
        String.raw`exceeds? (?:the )?(?:maximum |fixed |max |allowed )*(?:message |mail )?size|exceeded (?:the )?maximum (?:inbound |incoming )?message size`,
        String.raw`message (?:length|header size) exceeds|size limit|recipsizelimit|maximum (?:message |mail )?size|message exceeds (?:the )?(?:size|maximum)`,
        String.raw`taille limite du message|message trop (?:gros|volumineux)|nachricht (?:ist )?zu gross|mensaje (?:demasiado grande|excede el tamano)|messaggio troppo grande|mensagem (?:muito grande|excede o tamanho)|bericht is te groot`,
        literal(['メッセージサイズ', 'サイズが大きすぎ', 'サイズ制限', '邮件过大', '邮件大小超过']),
      ].join('|'),
    ),
  ],
  [
    'mailbox_disabled',
    new RegExp(
      [
        String.raw`(?:mail ?box|account|user|address|recipient)(?: [^\s,.;:]{1,64})? (?:is |has been |was )?(?:currently |temporarily |permanently )?(?:disabled|deactivated|suspended|inactive|frozen|closed|terminated|discontinued|archived)`,
        String.raw`(?:disabled|deactivated|suspended|inactive|frozen|closed|archived) (?:mail ?box|account|user|recipient)|(?:mail ?box|account) (?:has )?expired`,
        String.raw`account (?:is )?(?:locked|temporarily limited)|user or domain is disabled|recipient rejected: temporarily inactive|user is terminated`,
        String.raw`no longer (?:accepts? (?:mail|e-?mail|messages)|active|in use|available|exists|valid)`,
        String.raw`boite (?:du destinataire )?archivee|compte (?:du destinataire )?(?:est )?(?:desactive|suspendu|bloque|inactif|ferme)`,
        String.raw`(?:konto|postfach) (?:ist )?(?:deaktiviert|gesperrt|inaktiv|gekundigt)|cuenta (?:desactivada|suspendida|inactiva|cerrada)|buzon (?:desactivado|inactivo)`,
        String.raw`(?:account|casella) (?:disattivat[oa]|sospes[oa]|inattiv[oa])|conta (?:desativada|suspensa|inativa)|account (?:gedeactiveerd|opgeheven)`,
        literal([
          '利用停止',
          '停止されています',
          '無効になっています',
          '账户已停用',
          '帐号已冻结',
          '帐户被冻结',
          '已被冻结',
        ]),
      ].join('|'),
    ),
  ],
  [
    'mailbox_moved',
    /\bhas (?:been )?moved\b|moved permanently|has been replaced by|no longer (?:with|at|employed)|no forwarding address|(?:e-?mail )?address has changed|new (?:e-?mail )?address is/,
  ],
  [
    'domain_unknown',
    new RegExp(
      [
        String.raw`host or domain name not found|domain (?:name )?(?:not found|does not exist|doesn'?t exist|unknown|is not reachable|not exist|must exist|lookup failed)`,
        String.raw`(?:no such|unknown|invalid|non-?existent|unresolvable) (?:domain|host)|host (?:unknown|not found)|unknown host`,
        String.raw`unroutable|unrouteable|nxdomain|nonexistentdomain|couldn't find any host|all host address lookups failed permanently|indicated no smtp service|name or service not known|mail domain mentioned in email address is unknown|the account or domain may not exist`,
        String.raw`(?:no (?:valid )?mx (?:or a )?records?|has no mail exchangers?|mx records point to non-existent hosts|null mx|does not accept (?:e-?)?mail)`,
        String.raw`dns (?:error|lookup failure|query failed)[^\n]{0,80}(?:not found|nxdomain|does not exist)`,
        String.raw`domaine (?:inexistant|inconnu|introuvable)|domaine n'existe pas|domain (?:existiert nicht|nicht gefunden|unbekannt)|dominio (?:inexistente|desconocido|no existe|sconosciuto)|domein bestaat niet`,
        literal([
          'домен не существует',
          'ドメインが存在し',
          'ドメインが見つかりません',
          'ホストが見つかりません',
          '域名不存在',
        ]),
      ].join('|'),
    ),
  ],
  [
    'user_unknown',
    new RegExp(
      [
        String.raw`user (?:unknown|not found|doesn'?t exist|does not exist|not exist|not known|not active|missing home directory)|unknown (?:user|recipient|mail ?box|local[- ]?part|e-?mail address|address|alias)`,
        String.raw`no such (?:user|mail ?box|recipient|person|address|account|local user)|no (?:mail ?box|account) (?:here |found |available )?by that name|no mail ?box (?:here|found|available)`,
        String.raw`(?:recipient|addressee|mail ?box|address|account|e-?mail address|user ?name)(?: <[^>\n]{1,255}>| \S{1,64}@\S{1,255})? (?:is )?(?:unknown|not found|does not exist|doesn'?t exist|not exist|no longer exists|invalid|not valid|not present)`,
        String.raw`invalid (?:recipient|mail ?box|address|user|e-?mail address|destination address|final delivery userid)|bad (?:destination )?(?:mail ?box |recipient |e-?mail )?address`,
        String.raw`(?:is )?not a (?:valid|known) (?:user|mail ?box|recipient|address)|not our customer|there is no one at this address|non-?existent (?:user|mail ?box|recipient|address)`,
        String.raw`recipient address rejected: (?:user unknown|unknown user|access denied|invalid user|userunknown|invalid-recipient)|address not present in directory`,
        String.raw`recip(?:ient)? ?not ?found|the email account that you tried to reach does not exist|this user doesn't have a [^\n]{1,80} account`,
        String.raw`not listed in (?:domino directory|public name & address book)|does(?: not|n'?t) exist`,
        String.raw`utilisateur inconnu|destinataire (?:inconnu|invalide)|adresse (?:e-?mail )?(?:inconnue|invalide|introuvable|inexistante)|n'existe pas`,
        String.raw`(?:benutzer|empfanger|adresse|postfach|mailbox) (?:ist )?(?:unbekannt|existiert nicht|nicht gefunden|nicht vorhanden)|unbekannte?r? (?:empfanger|benutzer|adresse)|existiert nicht`,
        String.raw`(?:usuario|destinatario) (?:desconocido|inexistente|no existe)|no existe (?:dicha persona|ese usuario|el usuario|la cuenta|el buzon)|direccion (?:de correo )?(?:inexistente|no valida|desconocida)`,
        String.raw`(?:utente|destinatario) (?:sconosciuto|inesistente|non esiste)|indirizzo (?:inesistente|non valido|sconosciuto)|nessun utente simile`,
        String.raw`(?:usuario|destinatario) desconhecido|endereco (?:inexistente|invalido|desconhecido)|nao existe`,
        String.raw`onbekende (?:gebruiker|ontvanger|geadresseerde)|bestaat niet|okand (?:mottagare|anvandare)|ukendt (?:modtager|bruger)|ukjent (?:mottaker|bruker)|nieznany (?:odbiorca|uzytkownik)`,
        literal([
          'пользователь не найден',
          'пользователь не существует',
          'нет такого пользователя',
          'неизвестный получатель',
          '宛先不明',
          '存在しない',
          '存在しません',
          'ユーザが存在',
          'ユーザーが存在',
          'ディレクトリのリストにありません',
          '見つかりません',
          '用户不存在',
          '收件人不存在',
          '地址不存在',
          '用戶不存在',
          '수신자를 찾을 수 없',
          '존재하지 않는',
        ]),
      ].join('|'),
    ),
  ],
  [
    'rate_limited',
    /too many (?:connections|concurrent|messages|recipients|sessions|errors|mails|e-?mails|smtp)|reciplimit|rate limit|frequency limit|rate-limit|ratelimit|throttl|sending rate|try again slower|receiving mail at a rate|unexpected volume|e-?mails? per (?:hour|minute|day)|connection limit|trop de connexions|zu viele verbindungen|demasiadas conexiones|troppe connessioni/,
  ],
  [
    'expired',
    /delivery (?:time )?expired|message expired|queue\.expired|expired after|retry (?:timeout|time) (?:exceeded|not reached for any host)|could not (?:be )?deliver(?:ed)? for (?:the last|more than|\d)|has been in the queue too long|in (?:the )?queue too long|queue (?:time|period|lifetime) (?:expired|exceeded)|message timed out|was not delivered within|message is too old|unable to deliver (?:the )?message after (?:multiple|\d+)|have been failing for a long time|not reachable within the allowed queue period|delai de (?:remise|distribution) (?:depasse|expire)|zustellfrist|giving up on/,
  ],
  [
    'network',
    /connection (?:timed out|refused|reset|lost|dropped)|establish an smtp connection|no smtp connection got far enough|timed? ?out|could not connect|unable to connect|no route to host|host unreachable|network (?:is )?unreachable|temporary (?:failure|problem|error|lookup failure)|name service error|servfail|dns (?:error|failure|lookup|query)|too many hops|mail loop|loops back to myself|failed starttls|tls (?:negotiation|handshake) failed/,
  ],
  [
    'rejected',
    /spam|blocked|block ?list|black ?list|denied|not allowed|not permitted|policy|rejected|refused|\bspf\b|dkim|dmarc|authenticat|reputation|relay(?:ing)? (?:denied|not permitted|access denied)|virus|malware|not a member|content/,
  ],
];

/** The meaning a remote server's words give, or null. */
export function reasonFromText(folded: string): BounceReason | null {
  if (!folded) return null;
  for (const [reason, pattern] of REASON_PATTERNS) {
    const m = pattern.exec(folded);
    if (!m) continue;
    // "Host or domain name not found ... try again" is a DNS failure of the moment (Postfix).
    if (reason === 'domain_unknown' && TRANSIENT_DNS.test(lineAround(folded, m.index))) continue;
    return reason;
  }
  return null;
}

function lineAround(text: string, index: number): string {
  const start = text.lastIndexOf('\n', index) + 1;
  const end = text.indexOf('\n', index);
  return text.slice(start, end < 0 ? text.length : end);
}

/**
 * The meaning of an RFC 3463 status code (subject.detail), or null for the codes that say
 * only "permanent" or "transient". Microsoft's three-digit details (5.1.10 "recipient not
 * found", 5.4.316 "message expired") follow the same subjects.
 */
export function reasonFromStatus(status: string | null): BounceReason | null {
  if (!status) return null;
  const [cls, subject, detail] = status.split('.');
  const key = `${subject}.${detail}`;
  if (key === '1.1' || key === '1.10' || key === '1.3') return 'user_unknown';
  if (key === '1.2') return 'domain_unknown';
  if (key === '4.4' && cls === '5') return 'domain_unknown'; // unable to route: no MX, no A
  if (key === '1.6') return 'mailbox_moved';
  if (key === '2.1') return 'mailbox_disabled';
  if (key === '2.2') return 'mailbox_full';
  if (key === '2.3' || key === '3.4') return 'message_too_large';
  if (key === '4.7' || key === '4.316') return 'expired';
  if (key === '4.1' || key === '4.2' || key === '4.3' || key === '4.312') return 'network';
  if (subject === '7') return 'rejected';
  return null;
}
