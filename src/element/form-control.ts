/**
 * `<face-liveness>` as a form control: the token is its value under its `name`, and a `required` element
 * is invalid until a check succeeded, like a native `<input required>`.
 */
export class FormControl {
  private token: string | null = null;

  constructor(private readonly internals: ElementInternals) {}

  /** Sets or clears the submitted value. */
  setValue(name: string, token: string | null): void {
    this.token = token;
    if (token === null) {
      this.internals.setFormValue(null);
      return;
    }
    const data = new FormData();
    data.append(name, token);
    this.internals.setFormValue(data);
  }

  /**
   * Marks a required control without a token as missing its value. `anchor` is where the browser points its
   * message and moves the focus when a submit is blocked: the button that starts the check.
   */
  setValidity(required: boolean, message: string, anchor: HTMLElement | undefined): void {
    if (required && this.token === null) this.internals.setValidity({ valueMissing: true }, message, anchor);
    else this.internals.setValidity({});
  }
}
