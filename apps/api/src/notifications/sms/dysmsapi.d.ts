/** The official Aliyun SMS SDK (dysmsapi 2017-05-25) ships without types: what Wutong calls of it. */
declare module '@alicloud/dysmsapi-2017-05-25' {
  class Dysmsapi {
    constructor(config: Dysmsapi.Config);
    sendSms<T = Dysmsapi.SendSmsAnswer>(
      params: Record<string, string>,
      options?: { method?: 'GET' | 'POST'; timeout?: number },
    ): Promise<T>;
  }
  namespace Dysmsapi {
    interface Config {
      endpoint: string;
      accessKeyId: string;
      accessKeySecret: string;
      apiVersion: string;
      opts?: { timeout?: number };
    }
    interface SendSmsAnswer {
      Code: string;
      Message: string;
      BizId?: string;
      RequestId?: string;
    }
  }
  export = Dysmsapi;
}
