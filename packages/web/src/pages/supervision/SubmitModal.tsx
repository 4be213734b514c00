// The modal every 督查督办 form sits in: 取消 and a primary button that runs `onSubmit` (busy meanwhile), the
// server's refusal shown above the form as it is. A form that fails its own checks shows them on its fields:
// nothing is sent, and nothing is left unhandled.
import { useState, type ReactNode } from 'react';
import { Alert, Button, Modal } from 'antd';
import { useErrorText } from '../../components/ErrorAlert.tsx';
import { useI18n } from '../../i18n/language.tsx';

/** antd's validateFields rejects with the failing fields: the form shows those itself. */
const isFieldErrors = (e: unknown) => typeof e === 'object' && e !== null && 'errorFields' in e;

export function SubmitModal({
  open,
  title,
  okText,
  testId,
  width,
  onCancel,
  onSubmit,
  children,
}: {
  open: boolean;
  title: string;
  okText: string;
  /** `<testId>-modal`, `<testId>-submit` and `<testId>-error`. */
  testId: string;
  width?: number;
  onCancel: () => void;
  /** Validates and sends; throws what the server refused. */
  onSubmit: () => Promise<void>;
  children: ReactNode;
}) {
  const { t } = useI18n();
  const errorText = useErrorText();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>();

  const cancel = () => {
    setFailure(undefined);
    onCancel();
  };
  const submit = async () => {
    setBusy(true);
    setFailure(undefined);
    try {
      await onSubmit();
    } catch (e) {
      if (!isFieldErrors(e)) setFailure(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={title}
      onCancel={cancel}
      destroyOnHidden
      {...(width ? { width } : {})}
      footer={[
        <Button key="cancel" onClick={cancel}>
          {t('common.cancel')}
        </Button>,
        <Button
          key="submit"
          type="primary"
          loading={busy}
          onClick={() => void submit()}
          data-testid={`${testId}-submit`}
        >
          {okText}
        </Button>,
      ]}
      data-testid={`${testId}-modal`}
    >
      {failure !== undefined && (
        <Alert
          type="error"
          showIcon
          className="ding-gap"
          title={errorText(failure)}
          data-testid={`${testId}-error`}
        />
      )}
      {children}
    </Modal>
  );
}
