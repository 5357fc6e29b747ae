// Placeholder: a helper fills this page in.
export default function Placeholder() {
  return <main id="main">Not built yet.</main>;
}
