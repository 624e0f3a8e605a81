CREATE TABLE "status_subscriptions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"proceeding_id" uuid NOT NULL,
	"email" text NOT NULL,
	"locale" text NOT NULL,
	"confirm_token_hash" "bytea" NOT NULL,
	"unsubscribe_token_hash" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"confirmed_at" timestamp with time zone,
	"unsubscribed_at" timestamp with time zone,
	"last_notified_stage" text,
	CONSTRAINT "status_subscriptions_confirm_token_hash_unique" UNIQUE("confirm_token_hash"),
	CONSTRAINT "status_subscriptions_unsubscribe_token_hash_unique" UNIQUE("unsubscribe_token_hash"),
	CONSTRAINT "status_subscriptions_locale" CHECK ("status_subscriptions"."locale" in ('cs', 'en', 'uk', 'ru', 'vi'))
);
--> statement-breakpoint
CREATE TABLE "mail_outbox" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"to_address" text NOT NULL,
	"subject" text NOT NULL,
	"text_body" text NOT NULL,
	"list_unsubscribe" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"locked_until" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "status_subscriptions" ADD CONSTRAINT "status_subscriptions_proceeding_id_proceedings_id_fk" FOREIGN KEY ("proceeding_id") REFERENCES "public"."proceedings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "status_subscriptions_live" ON "status_subscriptions" USING btree ("proceeding_id",lower("email")) WHERE "status_subscriptions"."unsubscribed_at" is null;--> statement-breakpoint
CREATE INDEX "status_subscriptions_by_proceeding" ON "status_subscriptions" USING btree ("proceeding_id");--> statement-breakpoint
CREATE INDEX "mail_outbox_pending" ON "mail_outbox" USING btree ("locked_until","id") WHERE "mail_outbox"."sent_at" is null;