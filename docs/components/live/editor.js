import {EditorView, basicSetup} from "codemirror";
import {javascript} from "@codemirror/lang-javascript";
import {transform} from "sucrase";
import {Parser} from "acorn";
import {ancestor} from "acorn-walk";
export {EditorView, basicSetup, javascript, transform, Parser, ancestor};
