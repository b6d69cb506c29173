CREATE TABLE `api_keys` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`name` text NOT NULL,
	`key_prefix` text NOT NULL,
	`key_hash` text NOT NULL,
	`created_at` integer NOT NULL,
	`last_used_at` integer,
	`revoked_at` integer,
	`rate_limit_per_minute` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_keys_hash_idx` ON `api_keys` (`key_hash`);--> statement-breakpoint
CREATE INDEX `api_keys_user_idx` ON `api_keys` (`user_id`);--> statement-breakpoint
CREATE TABLE `campaigns` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`dataset_id` text NOT NULL,
	`name` text NOT NULL,
	`description` text,
	`type` text NOT NULL,
	`status` text NOT NULL,
	`launch_type` text NOT NULL,
	`start_date` integer,
	`daily_limit` integer NOT NULL,
	`sending_window_start` text NOT NULL,
	`sending_window_end` text NOT NULL,
	`min_interval_seconds` integer NOT NULL,
	`timezone` text NOT NULL,
	`send_days` text NOT NULL,
	`steps_config` text NOT NULL,
	`alias_ids` text NOT NULL,
	`connected_account_id` text,
	`system_prompt` text,
	`unreviewed_launch_policy` text NOT NULL,
	`total_leads` integer DEFAULT 0 NOT NULL,
	`processed_leads` integer DEFAULT 0 NOT NULL,
	`launch_job_id` text,
	`launch_requested_at` integer,
	`launch_error` text,
	`paused_reason` text,
	`playground_discovery_dismissed_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `campaigns_user_created_idx` ON `campaigns` (`user_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `campaigns_dataset_idx` ON `campaigns` (`dataset_id`);--> statement-breakpoint
CREATE TABLE `dataset_rows` (
	`dataset_id` text NOT NULL,
	`row_index` integer NOT NULL,
	`data` text NOT NULL,
	PRIMARY KEY(`dataset_id`, `row_index`)
);
--> statement-breakpoint
CREATE TABLE `datasets` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`name` text NOT NULL,
	`columns` text NOT NULL,
	`row_count` integer DEFAULT 0 NOT NULL,
	`status` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `datasets_user_idx` ON `datasets` (`user_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `idempotency_keys` (
	`user_id` text NOT NULL,
	`key` text NOT NULL,
	`request_hash` text NOT NULL,
	`response_status` integer,
	`response_body` text,
	`response_content_type` text,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	PRIMARY KEY(`user_id`, `key`)
);
--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`email` text,
	`name` text,
	`created_at` integer NOT NULL
);
