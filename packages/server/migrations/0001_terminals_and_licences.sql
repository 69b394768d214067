CREATE TABLE "licences" (
	"tenant_id" uuid NOT NULL,
	"terminals" integer NOT NULL,
	"modules" text[] NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "licences_tenant_id_pk" PRIMARY KEY("tenant_id")
);
--> statement-breakpoint
CREATE TABLE "terminal_bindings" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"terminal_id" uuid NOT NULL,
	"pc_name" text NOT NULL,
	"fingerprint" text NOT NULL,
	"public_key" text NOT NULL,
	"bound_at" timestamp with time zone NOT NULL,
	"removed_at" timestamp with time zone,
	"removed_reason" text,
	CONSTRAINT "terminal_bindings_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "terminals" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"place_of_business_id" uuid NOT NULL,
	"register_id" text NOT NULL,
	"serial_number" text NOT NULL,
	"active" boolean NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"reported_version" text,
	"last_contact_at" timestamp with time zone,
	"unsynced_entries" integer,
	"control_unit_serial" text,
	"registration_status" text DEFAULT 'unregistered' NOT NULL,
	"registered_on" date,
	CONSTRAINT "terminals_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "user_terminals" (
	"tenant_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"terminal_id" uuid NOT NULL,
	CONSTRAINT "user_terminals_tenant_id_user_id_terminal_id_pk" PRIMARY KEY("tenant_id","user_id","terminal_id")
);
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "pin_hash" text;--> statement-breakpoint
ALTER TABLE "licences" ADD CONSTRAINT "licences_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "terminal_bindings" ADD CONSTRAINT "terminal_bindings_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "terminal_bindings" ADD CONSTRAINT "terminal_bindings_tenant_id_terminal_id_terminals_tenant_id_id_fk" FOREIGN KEY ("tenant_id","terminal_id") REFERENCES "public"."terminals"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "terminals" ADD CONSTRAINT "terminals_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "terminals" ADD CONSTRAINT "terminals_tenant_id_place_of_business_id_places_of_business_tenant_id_id_fk" FOREIGN KEY ("tenant_id","place_of_business_id") REFERENCES "public"."places_of_business"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_terminals" ADD CONSTRAINT "user_terminals_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_terminals" ADD CONSTRAINT "user_terminals_tenant_id_user_id_users_tenant_id_id_fk" FOREIGN KEY ("tenant_id","user_id") REFERENCES "public"."users"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_terminals" ADD CONSTRAINT "user_terminals_tenant_id_terminal_id_terminals_tenant_id_id_fk" FOREIGN KEY ("tenant_id","terminal_id") REFERENCES "public"."terminals"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "terminal_bindings_one_active" ON "terminal_bindings" USING btree ("tenant_id","terminal_id") WHERE removed_at IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "terminals_tenant_register_id" ON "terminals" USING btree ("tenant_id","register_id");--> statement-breakpoint
CREATE UNIQUE INDEX "terminals_tenant_serial" ON "terminals" USING btree ("tenant_id","serial_number");--> statement-breakpoint
INSERT INTO "licences" ("tenant_id", "terminals", "modules", "updated_at")
SELECT "id", 1, ARRAY['products', 'reports', 'exports'], now() FROM "tenants";
