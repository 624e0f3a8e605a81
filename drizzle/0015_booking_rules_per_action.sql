ALTER TABLE "services" ADD COLUMN "min_lead_hours" smallint DEFAULT 24 NOT NULL;--> statement-breakpoint
ALTER TABLE "services" ADD COLUMN "horizon_days" smallint DEFAULT 60 NOT NULL;--> statement-breakpoint
ALTER TABLE "services" ADD CONSTRAINT "services_lead" CHECK ("services"."min_lead_hours" between 0 and 720);--> statement-breakpoint
ALTER TABLE "services" ADD CONSTRAINT "services_horizon" CHECK ("services"."horizon_days" between 1 and 365);