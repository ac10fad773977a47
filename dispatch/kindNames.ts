// The outbox kinds of the dispatch flow (their resolvers are in dispatch/kinds.ts).
export const DISPATCH_POST = 'dispatch.post';
export const DISPATCH_UPDATE = 'dispatch.update';
export const DISPATCH_WEEKLY = 'dispatch.weekly';
export const NOTIFY_PERSON = 'notify.person';
/** The QR codes of the satisfaction survey, to the begeleider 1:1 (at afronding, and one reminder). */
export const SURVEY_CODES = 'survey.codes';
