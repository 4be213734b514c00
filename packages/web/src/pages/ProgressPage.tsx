export default function ProgressPage() {
  return null;
}
