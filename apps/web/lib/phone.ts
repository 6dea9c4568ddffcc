// Phone numbers are stored as the channel gives them (E.164 digits); the UI shows Brazilian ones grouped.

/** 5511988887777 → +55 11 98888-7777 (Brazilian numbers); anything else is shown as stored. */
export function formatPhone(phone: string) {
  const d = phone.replace(/\D/g, "");
  const m = /^55(\d{2})(\d{4,5})(\d{4})$/.exec(d);
  return m ? `+55 ${m[1]} ${m[2]}-${m[3]}` : phone;
}
