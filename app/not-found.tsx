import Link from "next/link";

export default function NotFound() {
  return (
    <main id="main" className="message-page">
      <h1>Page not found</h1>
      <p>There is no lesson or page at this address. It may have moved when the course was reorganised.</p>
      <p>
        <Link className="button button-primary" href="/">
          Back to the course
        </Link>
      </p>
    </main>
  );
}
