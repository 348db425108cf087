-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_CodeDraft" (
    "userId" TEXT NOT NULL,
    "runnerId" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    "seq" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("userId", "runnerId"),
    CONSTRAINT "CodeDraft_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_CodeDraft" ("code", "runnerId", "updatedAt", "userId") SELECT "code", "runnerId", "updatedAt", "userId" FROM "CodeDraft";
DROP TABLE "CodeDraft";
ALTER TABLE "new_CodeDraft" RENAME TO "CodeDraft";
CREATE INDEX "CodeDraft_userId_seq_idx" ON "CodeDraft"("userId", "seq");
CREATE TABLE "new_ExerciseAttempt" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "exerciseId" TEXT NOT NULL,
    "lessonId" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "passed" BOOLEAN NOT NULL,
    "hintsUsed" INTEGER NOT NULL DEFAULT 0,
    "output" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL,
    "seq" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "ExerciseAttempt_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_ExerciseAttempt" ("code", "createdAt", "exerciseId", "hintsUsed", "id", "lessonId", "output", "passed", "userId") SELECT "code", "createdAt", "exerciseId", "hintsUsed", "id", "lessonId", "output", "passed", "userId" FROM "ExerciseAttempt";
DROP TABLE "ExerciseAttempt";
ALTER TABLE "new_ExerciseAttempt" RENAME TO "ExerciseAttempt";
CREATE INDEX "ExerciseAttempt_userId_exerciseId_idx" ON "ExerciseAttempt"("userId", "exerciseId");
CREATE INDEX "ExerciseAttempt_userId_seq_idx" ON "ExerciseAttempt"("userId", "seq");
CREATE INDEX "ExerciseAttempt_exerciseId_idx" ON "ExerciseAttempt"("exerciseId");
CREATE INDEX "ExerciseAttempt_lessonId_idx" ON "ExerciseAttempt"("lessonId");
CREATE TABLE "new_LessonProgress" (
    "userId" TEXT NOT NULL,
    "lessonId" TEXT NOT NULL,
    "firstOpenedAt" DATETIME NOT NULL,
    "lastOpenedAt" DATETIME NOT NULL,
    "position" REAL NOT NULL DEFAULT 0,
    "positionAt" DATETIME NOT NULL,
    "completedAt" DATETIME,
    "secondsSpent" INTEGER NOT NULL DEFAULT 0,
    "seq" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("userId", "lessonId"),
    CONSTRAINT "LessonProgress_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_LessonProgress" ("completedAt", "firstOpenedAt", "lastOpenedAt", "lessonId", "position", "positionAt", "secondsSpent", "userId") SELECT "completedAt", "firstOpenedAt", "lastOpenedAt", "lessonId", "position", "positionAt", "secondsSpent", "userId" FROM "LessonProgress";
DROP TABLE "LessonProgress";
ALTER TABLE "new_LessonProgress" RENAME TO "LessonProgress";
CREATE INDEX "LessonProgress_lessonId_idx" ON "LessonProgress"("lessonId");
CREATE INDEX "LessonProgress_userId_seq_idx" ON "LessonProgress"("userId", "seq");
CREATE TABLE "new_User" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT,
    "email" TEXT NOT NULL,
    "emailVerified" DATETIME,
    "image" TEXT,
    "passwordHash" TEXT,
    "role" TEXT NOT NULL DEFAULT 'learner',
    "progressSeq" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_User" ("createdAt", "email", "emailVerified", "id", "image", "name", "passwordHash", "role", "updatedAt") SELECT "createdAt", "email", "emailVerified", "id", "image", "name", "passwordHash", "role", "updatedAt" FROM "User";
DROP TABLE "User";
ALTER TABLE "new_User" RENAME TO "User";
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
