/** The cool-down queue as it stands: items by kind and state, what is due soon, what failed for good. */
import type { QueueStats } from "../store/queue-items.js"

export interface QueueSummary extends QueueStats {
  readonly permanentlyFailed: number
}

export const queueSummaryOf = (stats: QueueStats): QueueSummary => ({ ...stats, permanentlyFailed: stats.byStatus.permanently_failed ?? 0 })
