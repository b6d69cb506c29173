export {
  type AutoWinnerRule,
  decideWinner,
  probabilityBest,
  type VariantOutcomes,
  type WinnerDecision,
} from "./ab-winner";
export { addCalendarDays, startOfDayAfter } from "./delays";
export {
  type DayKey,
  formatWallTime,
  HORIZON_DAYS,
  isWallTime,
  nextSendSlot,
  notSendingReason,
  type PacingReason,
  type PacingRules,
  type PacingState,
  parseWallTime,
  type Slot,
  WEEKDAYS,
  type Weekday,
  windowDayOf,
  windowLengthSeconds,
} from "./pacing";
export {
  followUpDue,
  NOT_SENDING_REASONS,
  type NotSendingReason,
  nextActionSlot,
  type PlanInput,
  type PlannedAction,
  planActions,
  type WorkAvailable,
  whyNotSending,
} from "./plan";
export { chooseVariant } from "./variants";
export { isValidTimeZone } from "./zone";
