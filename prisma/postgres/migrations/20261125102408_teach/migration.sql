-- AlterTable
ALTER TABLE "Assignment" ADD COLUMN     "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- AlterTable
ALTER TABLE "Class" ADD COLUMN     "helpFailedAttempts" INTEGER NOT NULL DEFAULT 3,
ADD COLUMN     "helpInactiveDays" INTEGER NOT NULL DEFAULT 7;

-- CreateIndex
CREATE INDEX "ExerciseAttempt_lessonId_idx" ON "ExerciseAttempt"("lessonId");
