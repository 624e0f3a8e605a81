CREATE TABLE "call_contexts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text,
	"token_hash" "bytea" NOT NULL,
	"locale" text NOT NULL,
	"page_path" text NOT NULL,
	"topic" text,
	"question" text,
	"proceeding_id" uuid,
	"checklist_slug" text,
	"checklist_ticked" jsonb,
	"booking_id" uuid,
	"draft_service_slug" text,
	"draft_branch_slug" text,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"withdrawn_at" timestamp with time zone,
	"purged_at" timestamp with time zone,
	CONSTRAINT "call_contexts_code_digits" CHECK ("call_contexts"."code" ~ '^[0-9]{6}$'),
	CONSTRAINT "call_contexts_question_length" CHECK (char_length("call_contexts"."question") <= 280),
	CONSTRAINT "call_contexts_expiry_after_creation" CHECK ("call_contexts"."expires_at" > "call_contexts"."created_at")
);
--> statement-breakpoint
CREATE TABLE "callback_attempts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"callback_id" uuid NOT NULL,
	"agent_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"result" text NOT NULL,
	CONSTRAINT "callback_attempts_result" CHECK ("callback_attempts"."result" in ('reached', 'no_answer', 'wrong_number'))
);
--> statement-breakpoint
CREATE TABLE "callback_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"token_hash" "bytea" NOT NULL,
	"phone" text NOT NULL,
	"locale" text NOT NULL,
	"window_start" timestamp with time zone,
	"window_end" timestamp with time zone,
	"context_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"next_attempt_at" timestamp with time zone NOT NULL,
	"claimed_by" uuid,
	"claimed_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"outcome" text,
	CONSTRAINT "callback_requests_window" CHECK (("callback_requests"."window_start" is null and "callback_requests"."window_end" is null) or "callback_requests"."window_end" > "callback_requests"."window_start"),
	CONSTRAINT "callback_requests_outcome" CHECK (("callback_requests"."finished_at" is null and "callback_requests"."outcome" is null) or "callback_requests"."outcome" in ('completed', 'unreachable', 'wrong_number', 'withdrawn'))
);
--> statement-breakpoint
CREATE TABLE "case_flags" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"flag" text NOT NULL,
	"agent_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "case_flags_flag" CHECK ("case_flags"."flag" in ('intermediary_or_scam', 'exploitation', 'misinformation', 'system_fault'))
);
--> statement-breakpoint
CREATE TABLE "case_notes" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"agent_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"body" text NOT NULL,
	CONSTRAINT "case_notes_length" CHECK (char_length("case_notes"."body") between 1 and 2000)
);
--> statement-breakpoint
CREATE TABLE "hotline_cases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"context_id" uuid,
	"callback_id" uuid,
	"channel" text NOT NULL,
	"opened_by" uuid NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	"topics" text[] DEFAULT '{}'::text[] NOT NULL,
	"outcome" text,
	"outcome_by" uuid,
	"outcome_at" timestamp with time zone,
	CONSTRAINT "hotline_cases_channel" CHECK ("hotline_cases"."channel" in ('call', 'callback')),
	CONSTRAINT "hotline_cases_topics" CHECK ("hotline_cases"."topics" <@ array['residence_permit', 'employee_card', 'biometrics', 'booking', 'documents', 'fees', 'status_delay', 'temporary_protection', 'family', 'other']::text[]),
	CONSTRAINT "hotline_cases_outcome" CHECK ("hotline_cases"."outcome" is null or "hotline_cases"."outcome" in ('answered', 'booked', 'callback_needed', 'referred', 'no_answer'))
);
--> statement-breakpoint
ALTER TABLE "call_contexts" ADD CONSTRAINT "call_contexts_proceeding_id_proceedings_id_fk" FOREIGN KEY ("proceeding_id") REFERENCES "public"."proceedings"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_contexts" ADD CONSTRAINT "call_contexts_booking_id_bookings_id_fk" FOREIGN KEY ("booking_id") REFERENCES "public"."bookings"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "callback_attempts" ADD CONSTRAINT "callback_attempts_callback_id_callback_requests_id_fk" FOREIGN KEY ("callback_id") REFERENCES "public"."callback_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "callback_attempts" ADD CONSTRAINT "callback_attempts_agent_id_staff_users_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "callback_requests" ADD CONSTRAINT "callback_requests_context_id_call_contexts_id_fk" FOREIGN KEY ("context_id") REFERENCES "public"."call_contexts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "callback_requests" ADD CONSTRAINT "callback_requests_claimed_by_staff_users_id_fk" FOREIGN KEY ("claimed_by") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_flags" ADD CONSTRAINT "case_flags_case_id_hotline_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."hotline_cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_flags" ADD CONSTRAINT "case_flags_agent_id_staff_users_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_notes" ADD CONSTRAINT "case_notes_case_id_hotline_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."hotline_cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_notes" ADD CONSTRAINT "case_notes_agent_id_staff_users_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hotline_cases" ADD CONSTRAINT "hotline_cases_context_id_call_contexts_id_fk" FOREIGN KEY ("context_id") REFERENCES "public"."call_contexts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hotline_cases" ADD CONSTRAINT "hotline_cases_callback_id_callback_requests_id_fk" FOREIGN KEY ("callback_id") REFERENCES "public"."callback_requests"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hotline_cases" ADD CONSTRAINT "hotline_cases_opened_by_staff_users_id_fk" FOREIGN KEY ("opened_by") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hotline_cases" ADD CONSTRAINT "hotline_cases_outcome_by_staff_users_id_fk" FOREIGN KEY ("outcome_by") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "call_contexts_code" ON "call_contexts" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "call_contexts_token" ON "call_contexts" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "call_contexts_expiry" ON "call_contexts" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "callback_attempts_callback" ON "callback_attempts" USING btree ("callback_id");--> statement-breakpoint
CREATE UNIQUE INDEX "callback_requests_token" ON "callback_requests" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "callback_requests_queue" ON "callback_requests" USING btree ("next_attempt_at","created_at") WHERE "callback_requests"."finished_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "case_flags_once" ON "case_flags" USING btree ("case_id","flag");--> statement-breakpoint
CREATE INDEX "case_notes_case" ON "case_notes" USING btree ("case_id");--> statement-breakpoint
CREATE UNIQUE INDEX "hotline_cases_context" ON "hotline_cases" USING btree ("context_id");--> statement-breakpoint
CREATE UNIQUE INDEX "hotline_cases_callback" ON "hotline_cases" USING btree ("callback_id");--> statement-breakpoint
CREATE INDEX "hotline_cases_opened" ON "hotline_cases" USING btree ("opened_at");