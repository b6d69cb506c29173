CREATE TABLE `campaign_leads` (
	`id` text PRIMARY KEY NOT NULL,
	`campaign_id` text NOT NULL,
	`user_id` text NOT NULL,
	`row_index` integer NOT NULL,
	`email` text
);
--> statement-breakpoint
CREATE INDEX `campaign_leads_user_email_idx` ON `campaign_leads` (`user_id`,`email`);--> statement-breakpoint
CREATE INDEX `campaign_leads_campaign_idx` ON `campaign_leads` (`campaign_id`);