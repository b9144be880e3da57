// The language first: it sets <html lang> and the locale every message reads.
import "./lib/i18n.svelte";
import { mount } from "svelte";
import App from "./App.svelte";
import "./styles.css";

mount(App, { target: document.getElementById("app")! });
