export { autoReplySignal } from "./auto-reply";
export {
  CLASSIFICATIONS,
  type Classification,
  type ClassificationKind,
  classificationDetails,
  classifyInbound,
  referencedMessageIds,
} from "./classify";
export { companyDomain } from "./company";
export { type Fields, messageIds } from "./fields";
export { type FixtureValues, fillFixture } from "./fixture";
export { type InboundMessage, type Report, readInboundMessage } from "./message";
export { stripQuotedText } from "./quoted";
export {
  parseTaggedAddress,
  signTag,
  type TaggedAction,
  type TagKey,
  type TagKind,
  taggedAddress,
  verifyTag,
} from "./reply-tag";
export { extractReturnDate } from "./return-date";
export { unsubscribePhrase } from "./unsubscribe";
