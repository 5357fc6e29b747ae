// Placeholder until this page is built.
export default function Page() {
  return (
    <main className="page" id="main">
      <h1>wave-new</h1>
    </main>
  );
}
