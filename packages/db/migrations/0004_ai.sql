CREATE TABLE `ai_approvals` (
	`campaign_id` text NOT NULL,
	`campaign_lead_id` text NOT NULL,
	`step_index` integer NOT NULL,
	`user_id` text NOT NULL,
	`row_index` integer NOT NULL,
	`variant_label` text NOT NULL,
	`subject` text NOT NULL,
	`body` text NOT NULL,
	`step_config_fingerprint` text NOT NULL,
	`lead_identity_fingerprint` text NOT NULL,
	`prompt_snapshot` text,
	`prompt_version_hash` text,
	`sender_profile_id` text,
	`template_id` text,
	`model` text,
	`generation_latency_ms` integer,
	`approved_by` text,
	`approved_at` integer NOT NULL,
	PRIMARY KEY(`campaign_id`, `campaign_lead_id`, `step_index`),
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `ai_generations` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`input_hash` text NOT NULL,
	`campaign_id` text,
	`step_index` integer,
	`subject` text NOT NULL,
	`body` text NOT NULL,
	`provider` text NOT NULL,
	`model` text NOT NULL,
	`prompt_source` text NOT NULL,
	`prompt_version_hash` text NOT NULL,
	`step_config_fingerprint` text,
	`tokens_in` integer NOT NULL,
	`tokens_out` integer NOT NULL,
	`latency_ms` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `ai_generations_user_input_idx` ON `ai_generations` (`user_id`,`input_hash`);--> statement-breakpoint
CREATE TABLE `ai_playground_batches` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`campaign_id` text NOT NULL,
	`step_index` integer NOT NULL,
	`custom_prompt` text,
	`prompt_version_hash` text NOT NULL,
	`total` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `ai_playground_batches_campaign_idx` ON `ai_playground_batches` (`campaign_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `ai_playground_items` (
	`batch_id` text NOT NULL,
	`campaign_lead_id` text NOT NULL,
	`campaign_id` text NOT NULL,
	`row_index` integer NOT NULL,
	`variant_label` text NOT NULL,
	`status` text NOT NULL,
	`error` text,
	`generation_id` text,
	`from_cache` integer DEFAULT false NOT NULL,
	`updated_at` integer NOT NULL,
	`completed_at` integer,
	PRIMARY KEY(`batch_id`, `campaign_lead_id`),
	FOREIGN KEY (`batch_id`) REFERENCES `ai_playground_batches`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `ai_playground_items_lead_idx` ON `ai_playground_items` (`campaign_id`,`campaign_lead_id`);--> statement-breakpoint
CREATE TABLE `ai_provider_settings` (
	`user_id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`base_url` text,
	`model` text NOT NULL,
	`api_key_secret` text,
	`json_mode` text DEFAULT 'auto' NOT NULL,
	`temperature` real,
	`max_output_tokens` integer,
	`daily_token_budget` integer,
	`campaign_token_cap` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `ai_usage` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`campaign_id` text,
	`step_index` integer,
	`purpose` text NOT NULL,
	`provider` text NOT NULL,
	`model` text NOT NULL,
	`tokens_in` integer NOT NULL,
	`tokens_out` integer NOT NULL,
	`latency_ms` integer NOT NULL,
	`outcome` text NOT NULL,
	`error` text,
	`day` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `ai_usage_user_day_idx` ON `ai_usage` (`user_id`,`day`);--> statement-breakpoint
CREATE INDEX `ai_usage_campaign_step_idx` ON `ai_usage` (`campaign_id`,`step_index`);