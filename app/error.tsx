"use client";

import { useEffect } from "react";

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <main id="main" className="message-page">
      <h1>Something went wrong</h1>
      <p>This page could not be shown. Your progress is safe. Try again, or go back to the course.</p>
      {process.env.NODE_ENV !== "production" ? <pre className="content-error">{error.message}</pre> : null}
      <p>
        <button type="button" className="button button-primary" onClick={reset}>
          Try again
        </button>
      </p>
    </main>
  );
}
