ALTER TABLE "slots" ADD COLUMN "reserved" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "booking_holds" ADD COLUMN "reserved" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "draw_entries" ADD COLUMN "matched" text;--> statement-breakpoint
ALTER TABLE "slots" ADD CONSTRAINT "slots_reserved_within_booked" CHECK ("slots"."reserved" >= 0 and "slots"."reserved" <= "slots"."booked");--> statement-breakpoint
ALTER TABLE "draw_entries" ADD CONSTRAINT "draw_entries_matched" CHECK ("draw_entries"."matched" is null or ("draw_entries"."outcome" = 'won' and "draw_entries"."matched" in ('any', 'weekday', 'part', 'weekday_part')));--> statement-breakpoint
-- Added by hand (drizzle does not model storage parameters): room on each page for the draw's one
-- update of every entry (place, outcome), so that it stays a heap-only update without index writes.
ALTER TABLE "draw_entries" SET (fillfactor = 50);
