// Placeholder until this page is built.
export default function Page() {
  return (
    <main className="page" id="main">
      <h1>survey-incident</h1>
    </main>
  );
}
