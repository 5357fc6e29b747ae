// Placeholder until this page is built.
export default function Page() {
  return (
    <main className="page" id="main">
      <h1>setup</h1>
    </main>
  );
}
