CREATE TABLE "journal_entries" (
	"tenant_id" uuid NOT NULL,
	"terminal_id" uuid NOT NULL,
	"seq" bigint NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"at_text" text NOT NULL,
	"kind" text NOT NULL,
	"by" text,
	"data" jsonb NOT NULL,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL,
	CONSTRAINT "journal_entries_tenant_id_terminal_id_seq_pk" PRIMARY KEY("tenant_id","terminal_id","seq")
);
--> statement-breakpoint
CREATE TABLE "sales_receipt_lines" (
	"tenant_id" uuid NOT NULL,
	"terminal_id" uuid NOT NULL,
	"seq" bigint NOT NULL,
	"line_no" integer NOT NULL,
	"place_of_business_id" uuid NOT NULL,
	"business_day" date NOT NULL,
	"kind" text NOT NULL,
	"article_number" text NOT NULL,
	"text" text NOT NULL,
	"group_name" text,
	"item_type" text NOT NULL,
	"quantity" bigint NOT NULL,
	"unit" text NOT NULL,
	"unit_price" bigint NOT NULL,
	"discount" bigint NOT NULL,
	"amount" bigint NOT NULL,
	"vat_rate" integer NOT NULL,
	"vat" bigint NOT NULL,
	CONSTRAINT "sales_receipt_lines_tenant_id_terminal_id_seq_line_no_pk" PRIMARY KEY("tenant_id","terminal_id","seq","line_no")
);
--> statement-breakpoint
CREATE TABLE "sales_receipt_payments" (
	"tenant_id" uuid NOT NULL,
	"terminal_id" uuid NOT NULL,
	"seq" bigint NOT NULL,
	"position" integer NOT NULL,
	"place_of_business_id" uuid NOT NULL,
	"business_day" date NOT NULL,
	"kind" text NOT NULL,
	"method" text NOT NULL,
	"amount" bigint NOT NULL,
	CONSTRAINT "sales_receipt_payments_tenant_id_terminal_id_seq_position_pk" PRIMARY KEY("tenant_id","terminal_id","seq","position")
);
--> statement-breakpoint
CREATE TABLE "sales_receipt_vat" (
	"tenant_id" uuid NOT NULL,
	"terminal_id" uuid NOT NULL,
	"seq" bigint NOT NULL,
	"vat_rate" integer NOT NULL,
	"place_of_business_id" uuid NOT NULL,
	"business_day" date NOT NULL,
	"kind" text NOT NULL,
	"gross" bigint NOT NULL,
	"vat" bigint NOT NULL,
	"net" bigint NOT NULL,
	CONSTRAINT "sales_receipt_vat_tenant_id_terminal_id_seq_vat_rate_pk" PRIMARY KEY("tenant_id","terminal_id","seq","vat_rate")
);
--> statement-breakpoint
CREATE TABLE "sales_receipts" (
	"tenant_id" uuid NOT NULL,
	"terminal_id" uuid NOT NULL,
	"seq" bigint NOT NULL,
	"place_of_business_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"receipt_number" integer NOT NULL,
	"issued_at" timestamp with time zone NOT NULL,
	"business_day" date NOT NULL,
	"hour" integer NOT NULL,
	"total" bigint NOT NULL,
	"rounding" bigint NOT NULL,
	"discount_total" bigint NOT NULL,
	"vat_total" bigint NOT NULL,
	"cashier" text,
	"control_code" text,
	"control_unit_serial" text,
	CONSTRAINT "sales_receipts_tenant_id_terminal_id_seq_pk" PRIMARY KEY("tenant_id","terminal_id","seq")
);
--> statement-breakpoint
CREATE TABLE "z_reports" (
	"tenant_id" uuid NOT NULL,
	"terminal_id" uuid NOT NULL,
	"seq" bigint NOT NULL,
	"z_number" integer NOT NULL,
	"business_day" date NOT NULL,
	"produced_at" timestamp with time zone NOT NULL,
	"report" jsonb NOT NULL,
	CONSTRAINT "z_reports_tenant_id_terminal_id_seq_pk" PRIMARY KEY("tenant_id","terminal_id","seq")
);
--> statement-breakpoint
ALTER TABLE "terminals" ADD COLUMN "journal_head_seq" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "terminals" ADD COLUMN "journal_head_hash" text;--> statement-breakpoint
ALTER TABLE "terminals" ADD COLUMN "journal_synced_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "terminals" ADD COLUMN "oldest_unsynced_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "terminals" ADD COLUMN "control_unit_state" text;--> statement-breakpoint
ALTER TABLE "terminals" ADD COLUMN "control_unit_reported_serial" text;--> statement-breakpoint
ALTER TABLE "terminals" ADD COLUMN "control_unit_simulated" boolean;--> statement-breakpoint
ALTER TABLE "terminals" ADD COLUMN "control_unit_reported_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "terminals" ADD COLUMN "sync_problem_code" text;--> statement-breakpoint
ALTER TABLE "terminals" ADD COLUMN "sync_problem_seq" bigint;--> statement-breakpoint
ALTER TABLE "terminals" ADD COLUMN "sync_problem_details" jsonb;--> statement-breakpoint
ALTER TABLE "terminals" ADD COLUMN "sync_problem_first_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "terminals" ADD COLUMN "sync_problem_last_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "terminals" ADD COLUMN "sync_problem_count" integer;--> statement-breakpoint
ALTER TABLE "journal_entries" ADD CONSTRAINT "journal_entries_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "journal_entries" ADD CONSTRAINT "journal_entries_tenant_id_terminal_id_terminals_tenant_id_id_fk" FOREIGN KEY ("tenant_id","terminal_id") REFERENCES "public"."terminals"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sales_receipt_lines" ADD CONSTRAINT "sales_receipt_lines_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sales_receipt_payments" ADD CONSTRAINT "sales_receipt_payments_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sales_receipt_vat" ADD CONSTRAINT "sales_receipt_vat_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sales_receipts" ADD CONSTRAINT "sales_receipts_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "z_reports" ADD CONSTRAINT "z_reports_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "journal_entries_at" ON "journal_entries" USING btree ("tenant_id","terminal_id","at");--> statement-breakpoint
CREATE INDEX "sales_receipt_lines_day" ON "sales_receipt_lines" USING btree ("tenant_id","business_day");--> statement-breakpoint
CREATE INDEX "sales_receipt_payments_day" ON "sales_receipt_payments" USING btree ("tenant_id","business_day");--> statement-breakpoint
CREATE INDEX "sales_receipt_vat_day" ON "sales_receipt_vat" USING btree ("tenant_id","business_day");--> statement-breakpoint
CREATE INDEX "sales_receipts_day" ON "sales_receipts" USING btree ("tenant_id","business_day");--> statement-breakpoint
CREATE INDEX "sales_receipts_place_day" ON "sales_receipts" USING btree ("tenant_id","place_of_business_id","business_day");--> statement-breakpoint
CREATE INDEX "sales_receipts_terminal_day" ON "sales_receipts" USING btree ("tenant_id","terminal_id","business_day");--> statement-breakpoint
CREATE INDEX "z_reports_number" ON "z_reports" USING btree ("tenant_id","terminal_id","z_number");--> statement-breakpoint
CREATE INDEX "z_reports_day" ON "z_reports" USING btree ("tenant_id","business_day");