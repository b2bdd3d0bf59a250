import type { Translation } from './localize.js';

export const zhCN: Translation = {
  start: '开始',
  starting: '正在打开摄像头，请稍候…',
  placeFace: '请把脸放在框内',
  noFace: '没有看到人脸，请正对摄像头',
  stopped: '已停止',
  retry: '重试',
  errors: {
    'unsupported-browser': '这个浏览器不支持刷脸，请换用系统浏览器或更新后再试',
    'camera-denied': '没有摄像头权限。请在浏览器设置里允许使用摄像头，然后点“重试”',
    'camera-not-found': '没有找到摄像头',
    'camera-in-use': '摄像头正被其他程序使用，请关闭它后点“重试”',
    'camera-ended': '摄像头已断开，请点“重试”',
    'worker-failed': '程序加载失败，请刷新页面后再试',
    'backend-unavailable': '这台设备无法运行人脸检测',
    'model-load-failed': '人脸模型下载失败，请检查网络后点“重试”',
    'challenge-failed': '无法连接服务器，请检查网络后点“重试”',
    'challenge-expired': '本次认证已过期，请点“重试”',
    timeout: '等待时间过长，请点“重试”',
    'no-face': '没有看到人脸',
    'multiple-faces': '画面里有多张人脸，请只留一个人',
    aborted: '已停止',
  },
};
