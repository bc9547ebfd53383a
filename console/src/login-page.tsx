import { Login, LoginForm, PasswordInput, TextInput, required } from 'react-admin';

/** react-admin's sign-in page, asking for the operator's email instead of a user name. */
export function LoginPage() {
  return (
    <Login>
      <LoginForm>
        <TextInput
          autoFocus
          source="email"
          label="Email"
          type="email"
          autoComplete="username"
          validate={required()}
        />
        <PasswordInput
          source="password"
          label="Password"
          autoComplete="current-password"
          validate={required()}
        />
      </LoginForm>
    </Login>
  );
}
