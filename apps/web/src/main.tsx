import { render } from "preact";

function App() {
  return <h1>Cadence</h1>;
}
render(<App />, document.getElementById("app")!);
