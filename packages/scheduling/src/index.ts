export { addCalendarDays } from "./delays";
export {
  type DayKey,
  HORIZON_DAYS,
  type NotSendingReason,
  nextSendSlot,
  notSendingReason,
  type PacingRules,
  type PacingState,
  planSlots,
  type Slot,
  WEEKDAYS,
  type Weekday,
  windowDayOf,
} from "./pacing";
export { chooseVariant } from "./variants";
export { isValidTimeZone } from "./zone";
