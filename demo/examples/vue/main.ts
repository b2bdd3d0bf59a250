import { createApp } from 'vue';
import 'face-liveness/define';
import App from './App.vue';

createApp(App).mount('#app');
