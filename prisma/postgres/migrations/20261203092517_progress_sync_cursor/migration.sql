-- AlterTable
ALTER TABLE "CodeDraft" ADD COLUMN     "seq" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "ExerciseAttempt" ADD COLUMN     "seq" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "LessonProgress" ADD COLUMN     "seq" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "progressSeq" INTEGER NOT NULL DEFAULT 0;

-- CreateIndex
CREATE INDEX "CodeDraft_userId_seq_idx" ON "CodeDraft"("userId", "seq");

-- CreateIndex
CREATE INDEX "ExerciseAttempt_userId_seq_idx" ON "ExerciseAttempt"("userId", "seq");

-- CreateIndex
CREATE INDEX "LessonProgress_userId_seq_idx" ON "LessonProgress"("userId", "seq");
