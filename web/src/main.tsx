import { render } from "preact";
import { Root } from "./views/Root";
import "./styles.css";

render(<Root />, document.getElementById("root")!);
