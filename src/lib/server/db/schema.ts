// The one schema index drizzle-kit reads; each domain owns its tables.
export * from '../booking/booking.schema';
export * from '../proceedings/proceedings.schema';
export * from '../accounts/accounts.schema';
export * from '../audit/audit.schema';
export * from '../insights/insights.schema';
export * from '../rate-limit/rate-limit.schema';
export * from '../alerts/alerts.schema';
export * from '../mail/outbox.schema';
export * from '../content/content.schema';
export * from '../booking/schedule.schema';
export * from '../booking/bookings.schema';
export * from '../booking/waitlist.schema';
export * from '../escalation/contexts.schema';
export * from '../escalation/callbacks.schema';
export * from '../escalation/cases.schema';
export * from '../escalation/hotline-settings.schema';
export * from '../draw/draw.schema';
