/**
 * Password rules: at least 8 characters from at least three of: lower case, upper case, digits,
 * symbols. Returns the reasons a password is refused (empty when acceptable).
 */
export function passwordProblems(password: string): string[] {
  const problems: string[] = [];
  if (password.length < 8) problems.push('至少8个字符 / at least 8 characters');
  if (password.length > 128) problems.push('最多128个字符 / at most 128 characters');
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((re) => re.test(password)).length;
  if (classes < 3) problems.push('需包含大写、小写、数字、符号中的至少三类 / use three of: upper, lower, digit, symbol');
  return problems;
}
