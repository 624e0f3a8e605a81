ALTER TABLE "bookings" ADD COLUMN "cancelled_by" text;--> statement-breakpoint
-- Cancellations before this column existed were the person's own or a closure's; counting them
-- as the person's could only refuse someone, so they are recorded as the branch's.
UPDATE "bookings" SET "cancelled_by" = 'branch' WHERE "cancelled_at" IS NOT NULL;--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_cancelled_by" CHECK (("bookings"."cancelled_at" is null) = ("bookings"."cancelled_by" is null) and "bookings"."cancelled_by" in ('person', 'branch'));