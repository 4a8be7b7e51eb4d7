-- Sessions signed in before this instant are refused (set on password change and on disable;
-- the session that changed its own password is re-issued). See lib/auth/active-user.ts.
ALTER TABLE "User" ADD COLUMN "sessionsValidFrom" TIMESTAMP(3);
