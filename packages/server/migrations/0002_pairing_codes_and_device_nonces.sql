CREATE TABLE "device_nonces" (
	"tenant_id" uuid NOT NULL,
	"binding_id" uuid NOT NULL,
	"nonce" text NOT NULL,
	"seen_at" timestamp with time zone NOT NULL,
	CONSTRAINT "device_nonces_tenant_id_binding_id_nonce_pk" PRIMARY KEY("tenant_id","binding_id","nonce")
);
--> statement-breakpoint
CREATE TABLE "pairing_codes" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"terminal_id" uuid NOT NULL,
	"code_digest" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"superseded_at" timestamp with time zone,
	CONSTRAINT "pairing_codes_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "device_nonces" ADD CONSTRAINT "device_nonces_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "device_nonces" ADD CONSTRAINT "device_nonces_tenant_id_binding_id_terminal_bindings_tenant_id_id_fk" FOREIGN KEY ("tenant_id","binding_id") REFERENCES "public"."terminal_bindings"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pairing_codes" ADD CONSTRAINT "pairing_codes_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pairing_codes" ADD CONSTRAINT "pairing_codes_tenant_id_terminal_id_terminals_tenant_id_id_fk" FOREIGN KEY ("tenant_id","terminal_id") REFERENCES "public"."terminals"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "pairing_codes_digest" ON "pairing_codes" USING btree ("tenant_id","code_digest");